/**
 * Where the committed PDF fixtures live, and writing LibreOffice's PDF exports of DOCX files there
 * (CI has no LibreOffice, so the scripts that regenerate them share this).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertWithOffice } from '../../../../fixtures/build/office.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** This folder in the source tree: compiled into dist/test/…, the PDFs still belong beside the TypeScript. */
export const pdfFixtureDirectory = here.includes(`${path.sep}dist${path.sep}`)
  ? here.replace(`${path.sep}dist${path.sep}`, path.sep)
  : here;

/** Exports each named DOCX to `<name>.pdf` in `directory`; returns the files written. */
export function writeOfficePdfs(sources: ReadonlyMap<string, Buffer>, directory: string): string[] {
  const files: string[] = [];
  for (const [name, pdf] of convertWithOffice(new Map(sources), 'pdf')) {
    const file = path.join(directory, `${name}.pdf`);
    writeFileSync(file, pdf);
    files.push(file);
  }
  return files;
}
