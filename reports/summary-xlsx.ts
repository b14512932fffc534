/**
 * The bureau's summary workbook (exceljs): 「汇总」 one row per unit and year (its current documents), 「问题明细」
 * one row per finding, 「提取提示」 one row per extraction problem (what to check against the original), and
 * 「已被替代」 one row per superseded file when there are any.
 */
import ExcelJS from 'exceljs';
import {
  detailHeaders,
  detailRows,
  extractionHeaders,
  extractionRows,
  overviewHeaders,
  overviewRows,
  packageDetailRows,
  type SummaryPackage,
  type SummaryRow,
  supersededHeaders,
  supersededRows,
} from './summary-rows.js';

/** Width in Excel character units: a CJK character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char)
      ? 2
      : 1;
  return width;
}

/** Widths that fit the longest line of each column, within bounds so long sentences wrap instead. */
function fitColumns(sheet: ExcelJS.Worksheet, maxWidths: readonly number[]): void {
  sheet.columns.forEach((column, index) => {
    let widest = 4;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      for (const line of String(cell.value ?? '').split('\n')) widest = Math.max(widest, displayWidth(line));
    });
    column.width = Math.min(widest + 2, maxWidths[index] ?? 40);
  });
}

/** An empty cell rather than an empty string, so Excel's blanks filter and COUNTA see it as empty. */
function blankAsEmpty(value: string | number | null): string | number | null {
  return value === '' ? null : value;
}

function styleHeader(sheet: ExcelJS.Worksheet, columnCount: number): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columnCount } };
}

const problemsColumn = overviewHeaders.indexOf('提取提示') + 1;

function addOverviewSheet(
  workbook: ExcelJS.Workbook,
  rows: readonly SummaryRow[],
  packages: readonly SummaryPackage[],
): void {
  const sheet = workbook.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...overviewHeaders]);
  for (const cells of overviewRows(rows, packages)) {
    const added = sheet.addRow(
      [
        cells.unit,
        cells.year,
        cells.file,
        cells.status,
        cells.score,
        cells.errors,
        cells.warnings,
        cells.infos,
        cells.problems,
        cells.firstError,
        cells.mail,
        cells.grade,
        cells.impliedGrade,
        cells.ocr,
      ].map(blankAsEmpty),
    );
    added.alignment = { vertical: 'top', wrapText: true };
    if (cells.status === '已退回' || cells.errors > 0)
      added.getCell(4).font = { color: { argb: 'FFC00000' }, bold: true };
    // A figure a rule needs was not found: the checks are incomplete, however clean the counts look.
    if (cells.missingFigures) added.getCell(problemsColumn).font = { color: { argb: 'FFC65911' }, bold: true };
  }
  fitColumns(sheet, [28, 8, 36, 10, 10, 6, 6, 6, 10, 60, 14, 10, 12, 20]);
  styleHeader(sheet, overviewHeaders.length);
}

/** A sheet of one record per row under its headers: the layout 「问题明细」 and 「提取提示」 share. */
function addRecordSheet<Header extends string>(
  workbook: ExcelJS.Workbook,
  name: string,
  headers: readonly Header[],
  records: Iterable<Readonly<Record<Header, string | number | null>>>,
  maxWidths: readonly number[],
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]);
  for (const record of records) {
    const added = sheet.addRow(headers.map((header) => blankAsEmpty(record[header])));
    added.alignment = { vertical: 'top', wrapText: true };
  }
  fitColumns(sheet, maxWidths);
  styleHeader(sheet, headers.length);
}

export async function renderSummaryXlsx(
  rows: readonly SummaryRow[],
  packages: readonly SummaryPackage[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'review-desk';
  workbook.title = '部门整体绩效自评报告审核汇总';
  // A fixed date keeps the workbook's bytes a function of its rows only.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  addOverviewSheet(workbook, rows, packages);
  const details = [...detailRows(rows), ...packageDetailRows(packages)];
  addRecordSheet(workbook, '问题明细', detailHeaders, details, [28, 8, 36, 36, 6, 60, 60, 30, 40]);
  addRecordSheet(workbook, '提取提示', extractionHeaders, extractionRows(rows), [28, 8, 36, 14, 60, 30]);
  const superseded = supersededRows(rows);
  if (superseded.length > 0) addRecordSheet(workbook, '已被替代', supersededHeaders, superseded, [28, 8, 14, 36]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
