/**
 * Writes the LibreOffice exports of the DOCX variants the extractor tests build, committed because CI
 * has no LibreOffice: numbered-headings.pdf (headings numbered by Word, ../numbered-docx.ts) and
 * real-world-variant.pdf (the seed with several real-world layouts, ../real-world-variant.ts).
 *
 * Regenerate (needs `soffice` and fonts-noto-cjk):
 *   npx tsc -p . && node dist/test/extractors/pdf-fixtures/make-variant-pdfs.js
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { convertWithOffice } from '../../../fixtures/build/office.js';
import { numberedDocx } from '../numbered-docx.js';
import { realWorldVariantDocx } from '../real-world-variant.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Compiled into dist/test/…; the PDFs belong beside the TypeScript source.
const outputDirectory = here.includes(`${path.sep}dist${path.sep}`)
  ? here.replace(`${path.sep}dist${path.sep}`, path.sep)
  : here;

export async function writeVariantPdfs(directory = outputDirectory): Promise<string[]> {
  const sources = new Map([
    ['numbered-headings', Buffer.from(await numberedDocx())],
    ['real-world-variant', Buffer.from(await realWorldVariantDocx())],
  ]);
  const files: string[] = [];
  for (const [name, pdf] of convertWithOffice(sources, 'pdf')) {
    const file = path.join(directory, `${name}.pdf`);
    writeFileSync(file, pdf);
    files.push(file);
  }
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await writeVariantPdfs()).join('\n'));
}
