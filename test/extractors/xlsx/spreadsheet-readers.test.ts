/**
 * The XLSX (exceljs) and .xls (SheetJS) readers: one sheet, one table; merged cells as spans; numbers
 * as Excel shows them; and for the same table the same blocks as the DOCX reader gives.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cellAddress,
  cellLocationOf,
  type DocumentModel,
  type TableBlock,
} from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readDocument } from '../../../extractors/read-document.js';
import { readXls } from '../../../extractors/xls/reader.js';
import { formatNumber } from '../../../extractors/xlsx/cell-text.js';
import { readXlsx } from '../../../extractors/xlsx/reader.js';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));

/** The blocks without what only a spreadsheet has (the sheet's name and place), to compare with a Word table. */
const asWordBlocks = (model: DocumentModel) =>
  model.blocks.map((block) => {
    if (block.kind !== 'table') return block;
    const { sheet: _sheet, sheetOrigin: _origin, ...rest } = block;
    return rest;
  });

const tables = (model: DocumentModel) => model.blocks.filter((block): block is TableBlock => block.kind === 'table');

describe('the budget table as XLSX, as .xls (LibreOffice) and as a Word table', () => {
  it('reads to identical blocks in all three formats', async () => {
    const xlsx = await readDocument(fixture('formats/budget-execution.xlsx'));
    const xls = await readDocument(fixture('formats/budget-execution.xls'));
    const docx = await readDocument(fixture('formats/budget-execution.docx'));
    expect([xlsx.format, xls.format, docx.format]).toEqual(['xlsx', 'xls', 'docx']);
    expect(xls.blocks).toEqual(xlsx.blocks);
    expect(asWordBlocks(xlsx)).toEqual(docx.blocks);
  });

  it('turns the merged title and note lines into paragraphs and the rest of the sheet into one table', async () => {
    const model = await readXlsx(fixture('formats/budget-execution.xlsx'));
    expect(model.blocks.map((block) => block.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(model.blocks[0]).toMatchObject({ text: '示例乡人民政府2023年度预算执行情况表' });
    const [table] = tables(model);
    expect(table).toMatchObject({ index: 0, sheet: '预算执行', page: null, rowPages: null });
    expect(table!.rows).toHaveLength(6);
    expect(table!.rows.every((row) => row.length === 6)).toBe(true);
  });

  it('keeps merged cells as spans, every covered position pointing at its origin', async () => {
    const [table] = tables(await readXls(fixture('formats/budget-execution.xls')));
    const rows = table!.rows;
    expect(rows[0]![2]).toMatchObject({ text: '资金（元）', colSpan: 3, rowSpan: 1, merged: false });
    expect(rows[0]![4]).toMatchObject({ text: '资金（元）', merged: true, origin: { row: 0, column: 2 } });
    expect(rows[3]![0]).toMatchObject({ text: '基本支出', rowSpan: 2, merged: true, origin: { row: 2, column: 0 } });
    expect(rows[5]![1]).toMatchObject({ text: '合计', colSpan: 2, merged: true, origin: { row: 5, column: 0 } });
  });

  it('shows each number in its number format, as the Word table states it', async () => {
    const [table] = tables(await readXls(fixture('formats/budget-execution.xls')));
    expect(table!.rows[2]!.slice(2).map((cell) => cell.text)).toEqual([
      '1,234.50',
      '2,000,000.00',
      '1,987,654.32',
      '99.38%',
    ]);
    expect(table!.rows[4]!.slice(2).map((cell) => cell.text)).toEqual(['680000', '680000.5', '680000.00', '100%']);
  });

  it('does not read a hidden sheet, and names it in an extraction problem', async () => {
    for (const model of [
      await readXlsx(fixture('formats/budget-execution.xlsx')),
      await readXls(fixture('formats/budget-execution.xls')),
    ]) {
      expect(model.blocks.some((block) => block.kind === 'table' && block.sheet === '辅助计算')).toBe(false);
      expect(model.problems).toEqual([
        expect.objectContaining({
          code: 'table-reconstruction',
          message: expect.stringContaining('「辅助计算」为隐藏工作表'),
        }),
      ]);
    }
  });

  it('locates a spreadsheet cell by sheet, table, row and column (SPEC §7)', async () => {
    const [table] = tables(await readXlsx(fixture('formats/budget-execution.xlsx')));
    // The grid starts below the merged title and unit lines (paragraphs) and at column B: its (2, 3) is the sheet's E5.
    expect(table!.sheetOrigin).toEqual({ row: 2, column: 1 });
    expect(cellLocationOf(table!, 2, 3)).toEqual({ sheet: '预算执行', table: 0, row: 2, column: 3, cell: 'E5' });
    expect(table!.rows[2]![3]!.text).toBe('2,000,000.00');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fixture('formats/budget-execution.xlsx') as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('预算执行')!.getCell('E5').value).toBe(2000000);
    expect(cellLocationOf({ index: 1 }, 0, 0)).toEqual({ table: 1, row: 0, column: 0 });
    expect([
      cellAddress(0, 0),
      cellAddress(6, 25),
      cellAddress(6, 26),
      cellAddress(0, 701),
      cellAddress(0, 702),
    ]).toEqual(['A1', 'Z7', 'AA7', 'ZZ1', 'AAA1']);
  });
});

describe('formatNumber', () => {
  const cases: [number, string | undefined, string][] = [
    [1234.5, '#,##0.00', '1,234.50'], // thousands separators, two decimals
    [0.125, '0.0%', '12.5%'], // percent
    [0.1 + 0.2, 'General', '0.3'], // General hides binary noise, as Excel does
    [8018600, undefined, '8018600'], // no format is General
    [801.86, '0.00_ ', '801.86 '], // the padding Chinese Excel templates use
    [-5, '#,##0.00;[Red]-#,##0.00', '-5.00'], // a negative section with a colour
  ];
  it.each(cases)('shows %s in %s as %s', (value, format, shown) => {
    expect(formatNumber(value, format)).toBe(shown);
  });
});

describe('an XLSX built cell by cell', () => {
  const folder = mkdtempSync(join(tmpdir(), 'xlsx-reader-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function workbookFile(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    const path = join(folder, `${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
    return readFileSync(path);
  }

  it('reads dates, formula results, rich text and line breaks as shown, and trims the empty margin', async () => {
    const bytes = await workbookFile((workbook) => {
      const sheet = workbook.addWorksheet('表1');
      sheet.getCell('C3').value = '填报日期';
      sheet.getCell('D3').value = new Date(Date.UTC(2023, 11, 31));
      sheet.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('C4').value = '合计';
      sheet.getCell('D4').value = { formula: 'SUM(1,2)', result: 1925.67 };
      sheet.getCell('D4').numFmt = '#,##0.00';
      sheet.getCell('C5').value = { richText: [{ text: '部门' }, { text: '整体', font: { bold: true } }] };
      sheet.getCell('D5').value = '第一行\r\n\r\n第二行';
    });
    const model = await readXlsx(bytes);
    expect(model.blocks).toHaveLength(1);
    const [table] = tables(model);
    expect(table!.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['填报日期', '2023年12月31日'],
      ['合计', '1,925.67'],
      ['部门整体', '第一行\n第二行'],
    ]);
  });

  it('reads each visible sheet as its own table, in sheet order', async () => {
    const bytes = await workbookFile((workbook) => {
      workbook.addWorksheet('自评表').addRows([
        ['一级指标', '分值'],
        ['产出指标', 50],
      ]);
      workbook.addWorksheet('空表');
      workbook.addWorksheet('基础数据').addRows([
        ['编制数', '实际在职人数'],
        [46, 50],
      ]);
    });
    const model = await readXlsx(bytes);
    expect(tables(model).map((table) => [table.index, table.sheet])).toEqual([
      [0, '自评表'],
      [1, '基础数据'],
    ]);
  });

  it('rejects a workbook that inflates past the limit as too-large, before exceljs sees it', async () => {
    await expect(
      readXlsx(fixture('formats/budget-execution.xlsx'), { ...defaultReadLimits, maxUncompressedBytes: 2000 }),
    ).rejects.toMatchObject({ code: 'too-large' });
  });

  it('rejects a damaged workbook as corrupt-file', async () => {
    const bytes = Buffer.from(fixture('formats/budget-execution.xlsx'));
    await expect(readXlsx(bytes.subarray(0, bytes.length - 200))).rejects.toMatchObject({ code: 'corrupt-file' });
  });
});
