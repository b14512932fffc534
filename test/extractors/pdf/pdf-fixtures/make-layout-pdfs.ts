/**
 * Writes the LibreOffice exports of the seed layout variants (layout-variants.ts), committed because CI
 * has no LibreOffice: split-scoring-table.pdf, split-scoring-table-full-page.pdf, plain-headings.pdf,
 * borderless-finance.pdf.
 *
 * Regenerate (needs `soffice` and fonts-noto-cjk):
 *   npx tsc -p . && node dist/test/extractors/pdf/pdf-fixtures/make-layout-pdfs.js
 */
import { pathToFileURL } from 'node:url';
import { type LayoutVariant, layoutVariantDocx, layoutVariants } from './layout-variants.js';
import { pdfFixtureDirectory, writeOfficePdfs } from './office-pdfs.js';

export async function writeLayoutPdfs(directory = pdfFixtureDirectory): Promise<string[]> {
  const sources = new Map<string, Buffer>();
  for (const name of Object.keys(layoutVariants) as LayoutVariant[]) {
    sources.set(name, Buffer.from(await layoutVariantDocx(name)));
  }
  return writeOfficePdfs(sources, directory);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await writeLayoutPdfs()).join('\n'));
}
