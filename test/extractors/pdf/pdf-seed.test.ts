/** The seed PDF (LibreOffice export of the seed DOCX) read into the document model. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../../extractors/docx/reader.js';
import type { DocumentModel, GridCell, ParagraphBlock, TableBlock } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readPdf } from '../../../extractors/pdf/reader.js';

const sample = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/samples/${name}`, import.meta.url)));

let pdf: DocumentModel;
let docx: DocumentModel;
let table: TableBlock;
let paragraphs: ParagraphBlock[];

beforeAll(async () => {
  pdf = await readPdf(sample('pingdeng-2023.pdf'), defaultReadLimits);
  docx = await readDocx(sample('pingdeng-2023.docx'), defaultReadLimits);
  const tables = pdf.blocks.filter((b): b is TableBlock => b.kind === 'table');
  expect(tables).toHaveLength(1);
  table = tables[0]!;
  paragraphs = pdf.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');
});

const texts = (rows: GridCell[][]) => rows.map((row) => row.map((cell) => cell.text));

describe('the seed PDF', () => {
  it('is a PDF model with its page count and no extraction problems', () => {
    expect(pdf.format).toBe('pdf');
    expect(pdf.pageCount).toBe(11);
    expect(pdf.problems).toEqual([]);
  });

  it('has the scoring table as one 12-column table block: two header rows, 14 item rows and the total row', () => {
    expect(table.index).toBe(0);
    expect(table.rows).toHaveLength(17);
    for (const row of table.rows) expect(row).toHaveLength(12);
    expect(texts(table.rows)[0]).toEqual([
      '绩效指标',
      '绩效指标',
      '绩效指标',
      '指标分值',
      '指标解释',
      '计分标准',
      '评价方式',
      '评价方式',
      '评价属性',
      '评价属性',
      '自评打分',
      '备注',
    ]);
    expect(texts(table.rows)[1]!.slice(0, 3)).toEqual(['一级指标', '二级指标', '三级指标']);
    expect(texts(table.rows)[1]!.slice(6, 10)).toEqual(['整体评价', '样本评价', '定性评价', '定量评价']);
    expect(texts(table.rows).map((row) => row[2])).toContain('资金结余率（低效无效率）');
    expect(table.rows[16]![0]!.text).toBe('部 门 整 体 自 评 得 分');
    expect(table.rows[16]![0]!.colSpan).toBe(10);
    expect(table.rows[16]![10]!.text).toBe('97');
  });

  it('resolves the vertical merges: 动态调整（15分） at row 6 column 1 over three rows', () => {
    expect(table.rows[6]![1]).toEqual({
      text: '动态调整（15分）',
      rowSpan: 3,
      colSpan: 1,
      merged: false,
      origin: { row: 6, column: 1 },
    });
    for (const row of [7, 8]) {
      expect(table.rows[row]![1]).toMatchObject({
        text: '动态调整（15分）',
        merged: true,
        origin: { row: 6, column: 1 },
      });
    }
  });

  it('points every position of 部门预算项目绩效管理（70分） at its origin row 2, column 0', () => {
    for (let row = 2; row <= 10; row++) {
      expect(table.rows[row]![0]).toMatchObject({
        text: '部门预算项目绩效管理（70分）',
        rowSpan: 9,
        merged: row !== 2,
        origin: { row: 2, column: 0 },
      });
    }
    expect(table.rows[11]![0]).toMatchObject({ text: '绩效结果应用（30分）', merged: false });
  });

  it('keeps the table over the pages it spans, one page per row', () => {
    expect(table.page).toBe(9);
    expect(table.rowPages).toHaveLength(17);
    expect(table.rowPages![0]).toBe(9);
    expect(table.rowPages!.at(-1)).toBe(11);
    expect([...table.rowPages!].sort((a, b) => a! - b!)).toEqual(table.rowPages);
  });

  it('knows where each cell text stands on its page (SPEC §7 box, PDF points from the lower-left corner)', () => {
    const [placed] = table.cellBoxes![6]![1]!;
    expect(placed!.page).toBe(table.rowPages![6]);
    const [x0, y0, x1, y1] = placed!.box;
    expect(x0).toBeLessThan(x1);
    expect(y0).toBeLessThan(y1);
    // Merged positions answer with their origin cell's text box.
    expect(table.cellBoxes![7]![1]).toEqual(table.cellBoxes![6]![1]);
  });

  it('gives the same grid as the DOCX reader on the DOCX the PDF was exported from', () => {
    const docxTable = docx.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.rows).toEqual(docxTable.rows);
  });

  it('gives the same paragraph texts, in the same order, as the DOCX reader', () => {
    const docxParagraphs = docx.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph').map((b) => b.text);
    expect(paragraphs.map((p) => p.text)).toEqual(docxParagraphs);
  });

  it('reads the staffing sentence as one paragraph with no inserted spaces, on page 1', () => {
    const staffing = paragraphs.find((p) => p.text.startsWith('平等乡总编制'));
    expect(staffing?.text).toContain('平等乡总编制31名，其中：行政编制17名，工勤编制0名，事业编制14名。');
    expect(staffing?.location.page).toBe(1);
  });

  it('reads the claimed score in the conclusion, with its page', () => {
    const conclusion = paragraphs.find((p) => p.text.includes('绩效评价得分：97分'));
    expect(conclusion?.location.page).toBe(8);
  });

  it('numbers paragraphs 0, 1, 2 … across the whole document and keeps pages non-decreasing', () => {
    expect(paragraphs.map((p) => p.location.paragraph)).toEqual(paragraphs.map((_, i) => i));
    const pages = paragraphs.map((p) => p.location.page!);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  it('puts the table after the paragraph that announces it and does not repeat its text as paragraphs', () => {
    const index = pdf.blocks.indexOf(table);
    expect((pdf.blocks[index - 1] as ParagraphBlock).text).toBe('县级部门整体绩效自评打分表');
    expect(
      paragraphs.some((p) => p.text.includes('是否开展部门内部绩效目标审核工作') || p.text.includes('部 门 整 体')),
    ).toBe(false);
  });

  it('marks the title as the only sized heading', () => {
    expect(paragraphs.filter((p) => p.headingLevel !== null).map((p) => [p.text, p.headingLevel])).toEqual([
      ['平等乡人民政府部门整体绩效自评报告', 1],
    ]);
  });
});
