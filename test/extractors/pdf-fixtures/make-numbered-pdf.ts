/**
 * Writes numbered-headings.pdf, the LibreOffice export of the report whose headings Word numbers
 * automatically (../numbered-docx.ts), committed because CI has no LibreOffice.
 *
 * Regenerate (needs `soffice` and fonts-noto-cjk):
 *   npx tsc -p . && node dist/test/extractors/pdf-fixtures/make-numbered-pdf.js
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { convertWithOffice } from '../../../fixtures/build/office.js';
import { numberedDocx } from '../numbered-docx.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Compiled into dist/test/…; the PDF belongs beside the TypeScript source.
const outputDirectory = here.includes(`${path.sep}dist${path.sep}`)
  ? here.replace(`${path.sep}dist${path.sep}`, path.sep)
  : here;

export async function writeNumberedPdf(directory = outputDirectory): Promise<string> {
  const docx = Buffer.from(await numberedDocx());
  const pdf = convertWithOffice(new Map([['numbered-headings', docx]]), 'pdf').get('numbered-headings');
  if (!pdf) throw new Error('LibreOffice wrote no PDF');
  const file = path.join(directory, 'numbered-headings.pdf');
  writeFileSync(file, pdf);
  return file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await writeNumberedPdf());
}
