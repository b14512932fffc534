/**
 * Writes numbered-headings.docx, its Word 97 .doc (LibreOffice's MS Word 97 filter) and LibreOffice's
 * plain-text rendering of that .doc (numbered-headings.doc.txt), committed because CI has no LibreOffice.
 * The .doc's headings take their numbers from Word lists (一、 （一） 1.), so its text holds no marker:
 * the .doc reader must draw them from the list tables as LibreOffice (the .txt) and Word do.
 *
 * The DOCX is ../../docx/numbered-docx.ts with the w:startOverride the `docx` package puts on every
 * list's first w:num removed: LibreOffice exports such a restart as a Word 97 list of its own holding
 * only the first paragraph, which Word counts apart from the rest (一、 … 一、), whereas Word and WPS
 * write one list per heading outline. The second instance of the 1. list keeps its restart.
 *
 * Regenerate (needs `soffice` and fonts-noto-cjk):
 *   npx tsc -p . && node dist/test/extractors/doc/doc-fixtures/make-numbered-doc.js
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { convertWithOffice } from '../../../../fixtures/build/office.js';
import { replaceParts, unzip } from '../../docx/docx-test-zip.js';
import { numberedDocx } from '../../docx/numbered-docx.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** This folder in the source tree: compiled into dist/test/…, the fixtures still belong beside the TypeScript. */
export const docFixtureDirectory = here.includes(`${path.sep}dist${path.sep}`)
  ? here.replace(`${path.sep}dist${path.sep}`, path.sep)
  : here;

/** The numbered report with each list's first w:num counting from its definition's start (no override). */
export async function numberedDocxWithoutFirstRestarts(): Promise<Buffer> {
  const bytes = await numberedDocx();
  const numbering = (await unzip(bytes)).get('word/numbering.xml')!.toString('utf8');
  const seen = new Set<string>();
  const edited = numbering.replace(
    /<w:num w:numId="\d+"><w:abstractNumId w:val="(\d+)"\/>.*?<\/w:num>/g,
    (num, abstractId: string) => {
      if (seen.has(abstractId)) return num;
      seen.add(abstractId);
      return num.replace(/<w:lvlOverride\b.*?<\/w:lvlOverride>/g, '');
    },
  );
  if (edited === numbering) throw new Error('numbered-docx.ts no longer writes w:startOverride: revisit this script');
  return replaceParts(bytes, { 'word/numbering.xml': edited });
}

export async function writeNumberedDoc(directory = docFixtureDirectory): Promise<string[]> {
  const docx = await numberedDocxWithoutFirstRestarts();
  const doc = convertWithOffice(new Map([['numbered-headings', docx]]), 'doc').get('numbered-headings')!;
  const text = convertWithOffice(new Map([['numbered-headings', doc]]), 'txt', 'doc').get('numbered-headings')!;
  const files = [
    [path.join(directory, 'numbered-headings.docx'), docx],
    [path.join(directory, 'numbered-headings.doc'), doc],
    [path.join(directory, 'numbered-headings.doc.txt'), text],
  ] as const;
  for (const [file, bytes] of files) writeFileSync(file, bytes);
  return files.map(([file]) => file);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await writeNumberedDoc()).join('\n'));
}
