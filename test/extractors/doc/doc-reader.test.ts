/** The legacy .doc reader: the seed saved by LibreOffice's MS Word 97 filter reads as the DOCX does, cells as cells. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDoc } from '../../../extractors/doc/reader.js';
import { ParagraphLook, readListTables, readParagraphStyles } from '../../../extractors/doc/word-numbering.js';
import type { DocumentModel } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));
const seedDoc = () => fixture('bad/legacy.doc');

const paragraphTexts = (model: DocumentModel) =>
  model.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));
const numberedFixture = (name: string) => readFileSync(new URL(`doc-fixtures/${name}`, import.meta.url));

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

  it('gives the same paragraphs, heading levels (from the style sheet) and scoring-table grid as the DOCX', async () => {
    const doc = await readDoc(seedDoc());
    const docx = await readDocument(fixture('samples/pingdeng-2023.docx'));
    expect(doc.blocks).toEqual(docx.blocks);
    expect(doc.blocks.filter((block) => block.kind === 'paragraph' && block.headingLevel === 1)).toHaveLength(4);
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

  it.each([
    'outline-score-first-finance-2023',
    'outline-basic-first-guantang-2023',
    'outline-unit-first-ziranziyuan-2023',
  ])('reads the other-outline report %s as .doc with the DOCX’s blocks, headings and sections', async (name) => {
    const [doc, docx] = await Promise.all(
      ['doc', 'docx'].map((format) => readDocument(fixture(`forms/${name}.${format}`))),
    );
    expect(doc!.blocks).toEqual(docx!.blocks);
    const [fromDoc, fromDocx] = [parseReport(doc!), parseReport(docx!)];
    expect(fromDoc.extraction.headings.length).toBeGreaterThan(3);
    expect(fromDoc.extraction.headings).toEqual(fromDocx.extraction.headings);
    expect(fromDoc.extraction.sections).toEqual(fromDocx.extraction.sections);
  });

  describe('a .doc whose headings are numbered by Word lists (the numbers are not in its text)', () => {
    const squeeze = (text: string) => text.replace(/[\s\uFEFF]+/g, '');

    it('draws each list marker as LibreOffice shows the same file: 一、 （一） 1., restarting under the level above', async () => {
      const model = await readDocument(numberedFixture('numbered-headings.doc'));
      const shown = numberedFixture('numbered-headings.doc.txt').toString('utf8').split(/\r?\n/).map(squeeze);
      expect(paragraphTexts(model).map(squeeze)).toEqual(shown.filter((line) => line !== ''));
      expect(paragraphTexts(model)).toContain('二、 部门财政资金收支情况');
    });

    it('gives the parser the headings and sections the DOCX it was saved from gives', async () => {
      const [doc, docx] = await Promise.all(
        ['doc', 'docx'].map(async (format) =>
          parseReport(await readDocument(numberedFixture(`numbered-headings.${format}`))),
        ),
      );
      const outline = (headings: typeof doc.extraction.headings) =>
        headings
          .filter((heading) => heading.level <= 2)
          .map(({ marker, level, number, text }) => ({ marker, level, number, text }));
      expect(outline(doc!.extraction.headings).map((heading) => heading.marker)).toEqual([
        '一、',
        '（一）',
        '（二）',
        '（三）',
        '二、',
        '（一）',
        '三、',
        '四、',
      ]);
      expect(outline(doc!.extraction.headings)).toEqual(outline(docx!.extraction.headings));
      expect(doc!.extraction.sections).toEqual(docx!.extraction.sections);
    });

    it('reads damaged list tables and style sheets to fewer markers and levels, never an exception', () => {
      // A FIB pointing at the list tables (0x2E2/0x2EA) and the style sheet (0xA2) in a table stream of noise.
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed;
      };
      for (let i = 0; i < 300; i++) {
        const table = Buffer.from(Array.from({ length: 16 + (random() % 600) }, () => random() & 0xff));
        const fib = Buffer.alloc(0x300);
        for (const at of [0xa2, 0x2e2, 0x2ea]) {
          fib.writeUInt32LE(random() % table.length, at);
          fib.writeUInt32LE(random() % table.length, at + 4);
        }
        const lists = readListTables(fib, table);
        const styles = readParagraphStyles(fib, table);
        const look = new ParagraphLook(styles, lists);
        for (let p = 0; p < 20; p++) {
          look.marker({ istd: random() % 20, ilfo: (random() % 8) - 1, ilvl: random() % 12 });
          look.headingLevel(random() % 20);
        }
      }
    });
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
