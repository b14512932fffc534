/** The legacy .doc reader: the seed saved by LibreOffice's MS Word 97 filter reads as the DOCX does, cells as cells. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDoc } from '../../../extractors/doc/reader.js';
import type { DocumentModel } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));
const seedDoc = () => fixture('bad/legacy.doc');

/** Heading levels come from Word styles, which the .doc reader does not read; the parser reads numbering from the text. */
const withoutHeadingLevels = (model: DocumentModel) =>
  model.blocks.map((block) => (block.kind === 'paragraph' ? { ...block, headingLevel: null } : block));

/** Offset of the WordDocument stream in the file: the sector that starts with the FIB's magic number. */
function wordDocumentOffset(bytes: Buffer): number {
  for (let offset = 512; offset + 2 <= bytes.length; offset += 512) {
    if (bytes.readUInt16LE(offset) === 0xa5ec) return offset;
  }
  throw new Error('no FIB found');
}

describe('readDoc', () => {
  it('reads the seed saved as Word 97 .doc to the seed’s exact report', async () => {
    const model = await readDocument(seedDoc());
    expect(model.format).toBe('doc');
    expect(model.problems).toEqual([]);
    const expected = JSON.parse(fixture('expected/pingdeng-2023.report.json').toString('utf8'));
    expect(parseReport(model).report).toEqual(expected);
  });

  it.each(['xinlin-2024', 'jinhe-2023', 'nongye-2023', 'yanghe-2023', 'baiyang-2023'])(
    'reads sample %s saved as .doc to its expected report',
    async (name) => {
      const model = await readDocument(fixture(`formats/${name}.doc`));
      expect(model.problems).toEqual([]);
      const expected = JSON.parse(fixture(`expected/${name}.report.json`).toString('utf8'));
      expect(parseReport(model).report).toEqual(expected);
    },
  );

  it('gives the same paragraphs and the same scoring-table grid (texts, merged cells, spans) as the DOCX', async () => {
    const doc = await readDoc(seedDoc());
    const docx = await readDocument(fixture('samples/pingdeng-2023.docx'));
    expect(withoutHeadingLevels(doc)).toEqual(withoutHeadingLevels(docx));
    const table = doc.blocks.find((block) => block.kind === 'table');
    // 目标管理（40分） is merged down rows 2–4 of column 1; 动态调整（15分） starts at row 6 (SPEC §3 evidence).
    expect(table?.kind === 'table' && table.rows[6]![1]).toMatchObject({ text: '动态调整（15分）', merged: false });
    expect(table?.kind === 'table' && table.rows[3]![1]).toMatchObject({ merged: true, origin: { row: 2, column: 1 } });
  });

  it('reports the table as an extraction problem when the paragraph properties are unreadable, never a silent gap', async () => {
    const bytes = Buffer.from(seedDoc());
    // FIB lcbPlcfBtePapx = 0: the row marks and cell geometry are gone, the text is still there.
    bytes.writeUInt32LE(0, wordDocumentOffset(bytes) + 0x106);
    const model = await readDoc(bytes);
    expect(model.blocks.some((block) => block.kind === 'paragraph' && block.text.includes('部门基本情况'))).toBe(true);
    expect(model.problems).toEqual([
      expect.objectContaining({ code: 'table-reconstruction', message: expect.stringMatching(/\.doc.*表格.*合并/) }),
    ]);
  });

  it('rejects a .doc whose FIB says it is encrypted as encrypted', async () => {
    const bytes = Buffer.from(seedDoc());
    const flags = wordDocumentOffset(bytes) + 0x0a;
    bytes.writeUInt16LE(bytes.readUInt16LE(flags) | 0x0100, flags);
    await expect(readDoc(bytes)).rejects.toMatchObject({ code: 'encrypted', message: expect.stringMatching(/密码/) });
  });

  it('rejects a .doc cut short as corrupt-file', async () => {
    const bytes = seedDoc();
    await expect(readDocument(bytes.subarray(0, Math.floor(bytes.length / 2)))).rejects.toMatchObject({
      code: 'corrupt-file',
    });
  });

  it('rejects a .doc whose streams declare more than the uncompressed-size limit as too-large', async () => {
    await expect(readDoc(seedDoc(), { ...defaultReadLimits, maxUncompressedBytes: 1000 })).rejects.toMatchObject({
      code: 'too-large',
    });
  });
});
