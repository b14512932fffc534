/**
 * Locations in the reviewer's words. A text location's paragraph counts every paragraph of the document
 * (so a DOCX and its PDF agree), so a PDF's is said as 「第P页（全文第N段）」, never 「第P页第N段」, which
 * a reader holding the PDF would count from the top of the page.
 */
import { describe, expect, it } from 'vitest';
import { describeLocation, describeTable, scoringTableIndex } from '../../reports/locations.js';
import { checkFixture, realSeedResult } from './support/checked-submission.js';

describe('a text location', () => {
  it('is 全文第N段 in a DOCX, which has no pages (1-based)', () => {
    expect(describeLocation({ page: null, paragraph: 0 })).toBe('全文第1段');
    expect(describeLocation({ page: null, paragraph: 23 })).toBe('全文第24段');
  });

  it('is 第P页（全文第N段） in a PDF: the page as printed, the paragraph counted over the whole document', () => {
    expect(describeLocation({ page: 2, paragraph: 9 })).toBe('第2页（全文第10段）');
    expect(describeLocation({ page: 1, paragraph: 0 })).toBe('第1页（全文第1段）');
  });

  it('names the same paragraph in the DOCX and in the PDF made from it', async () => {
    const [docx, pdf] = await Promise.all([realSeedResult('docx'), realSeedResult('pdf')]);
    const docxPlace = describeLocation(docx.extraction!.evidence['finance.income']!.location);
    const pdfPlace = describeLocation(pdf.extraction!.evidence['finance.income']!.location);
    expect(docxPlace).toBe('全文第29段');
    expect(pdfPlace).toBe('第6页（全文第29段）');
  });
});

describe('a cell location', () => {
  it('is 打分表第R行第C列 in the scoring table (1-based, header rows counted)', () => {
    expect(describeLocation({ table: 0, row: 6, column: 1 })).toBe('打分表第7行第2列');
  });

  it('names any other table by its number', () => {
    expect(describeLocation({ table: 1, row: 2, column: 3 })).toBe('第2个表格第3行第4列');
    expect(describeLocation({ table: 0, row: 0, column: 0 }, 1)).toBe('第1个表格第1行第1列');
    expect(describeLocation({ table: 1, row: 0, column: 0 }, 1)).toBe('打分表第1行第1列');
  });

  it('names a spreadsheet cell by its sheet and its address, not by the table grid', () => {
    expect(describeLocation({ sheet: '自评表', table: 0, row: 2, column: 3, cell: 'D5' })).toBe(
      '工作表「自评表」D5单元格',
    );
  });

  it('can name a whole table', () => {
    expect(describeTable(0)).toBe('打分表');
    expect(describeTable(2)).toBe('第3个表格');
  });
});

describe('the scoring table', () => {
  it('is the table the scoring figures were read from', async () => {
    expect(scoringTableIndex(await realSeedResult('pdf'))).toBe(0);
    const result = await realSeedResult('docx');
    const extraction = result.extraction!;
    // As if an overview table came first: the scoring evidence moves to table 1.
    for (const evidence of Object.values(extraction.evidence)) {
      if ('table' in evidence.location) evidence.location.table = 1;
    }
    expect(scoringTableIndex(result)).toBe(1);
  });

  it('is the first table when nothing says otherwise', () => {
    expect(scoringTableIndex({ extraction: null })).toBe(0);
  });

  it('is none in a 基础数据表, so that its table is not called 打分表', async () => {
    const result = await checkFixture('forms/basic-data-guantang-2023.xlsx', 'submissions/基础数据表.xlsx');
    expect(result.report?.kind).toBe('basic-data');
    const scoringTable = scoringTableIndex(result);
    expect(scoringTable).toBe(-1);
    expect(describeTable(0, scoringTable)).toBe('第1个表格');
  });
});
