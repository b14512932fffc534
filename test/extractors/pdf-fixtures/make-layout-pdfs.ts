/**
 * Writes the LibreOffice exports of the seed layout variants (layout-variants.ts), committed because CI
 * has no LibreOffice: split-scoring-table.pdf, split-scoring-table-full-page.pdf, plain-headings.pdf,
 * borderless-finance.pdf.
 *
 * Regenerate (needs `soffice` and fonts-noto-cjk):
 *   npx tsc -p . && node dist/test/extractors/pdf-fixtures/make-layout-pdfs.js
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { convertWithOffice } from '../../../fixtures/build/office.js';
import { type LayoutVariant, layoutVariantDocx, layoutVariants } from './layout-variants.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Compiled into dist/test/…; the PDFs belong beside the TypeScript source.
const outputDirectory = here.includes(`${path.sep}dist${path.sep}`)
  ? here.replace(`${path.sep}dist${path.sep}`, path.sep)
  : here;

export async function writeLayoutPdfs(directory = outputDirectory): Promise<string[]> {
  const sources = new Map<string, Buffer>();
  for (const name of Object.keys(layoutVariants) as LayoutVariant[]) {
    sources.set(name, Buffer.from(await layoutVariantDocx(name)));
  }
  const files: string[] = [];
  for (const [name, pdf] of convertWithOffice(sources, 'pdf')) {
    const file = path.join(directory, `${name}.pdf`);
    writeFileSync(file, pdf);
    files.push(file);
  }
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await writeLayoutPdfs()).join('\n'));
}
