/**
 * Writes the LibreOffice exports of the DOCX variants the extractor tests build, committed because CI
 * has no LibreOffice: numbered-headings.pdf (headings numbered by Word, ../numbered-docx.ts) and
 * real-world-variant.pdf (the seed with several real-world layouts, ../real-world-variant.ts).
 *
 * Regenerate (needs `soffice` and fonts-noto-cjk):
 *   npx tsc -p . && node dist/test/extractors/pdf/pdf-fixtures/make-variant-pdfs.js
 */
import { pathToFileURL } from 'node:url';
import { numberedDocx } from '../../docx/numbered-docx.js';
import { realWorldVariantDocx } from '../../report/real-world-variant.js';
import { pdfFixtureDirectory, writeOfficePdfs } from './office-pdfs.js';

export async function writeVariantPdfs(directory = pdfFixtureDirectory): Promise<string[]> {
  const sources = new Map([
    ['numbered-headings', Buffer.from(await numberedDocx())],
    ['real-world-variant', Buffer.from(await realWorldVariantDocx())],
  ]);
  return writeOfficePdfs(sources, directory);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await writeVariantPdfs()).join('\n'));
}
