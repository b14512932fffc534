/**
 * XLSX bytes → document model through exceljs: the zip guard measures the package within the limits
 * first (exceljs would inflate anything), then each sheet's cells become text as the user sees them
 * and each sheet one table block (sheet-blocks.ts). exceljs follows no external links or references.
 */
import ExcelJS from 'exceljs';
import { guardZip } from '../container/zip-guard.js';
import type { DocumentModel } from '../model/document-model.js';
import { defaultReadLimits, type ReadLimits } from '../model/limits.js';
import { isRejection, Rejection } from '../model/rejection.js';
import { dateSerial, formatNumber } from './cell-text.js';
import { cellKey, type MergedRange, type SheetCells, sheetBlocks } from './sheet-blocks.js';

const corrupt = (cause: unknown) =>
  new Rejection('corrupt-file', 'Excel表格（.xlsx）已损坏或结构异常，无法读取，请用Excel或WPS重新保存后报送。', {
    cause,
  });

/** The text of an exceljs cell value, numbers through `numberFormat`. */
function valueText(value: ExcelJS.CellValue, numberFormat: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, numberFormat);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatNumber(dateSerial(value), numberFormat);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  // A formula shows its cached result (never recomputed); a hyperlink shows its text, never followed.
  if ('formula' in value || 'sharedFormula' in value) {
    return valueText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numberFormat);
  }
  if ('text' in value) return valueText(value.text as ExcelJS.CellValue, numberFormat);
  return '';
}

/** 'B2:D4' → 0-based inclusive range. */
function parseRange(range: string): MergedRange | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(range.trim());
  if (!match) return null;
  const column = (letters: string) =>
    [...letters.toUpperCase()].reduce((sum, ch) => sum * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(match[2]) - 1;
  const left = column(match[1]!);
  const bottom = match[4] ? Number(match[4]) - 1 : top;
  const right = match[3] ? column(match[3]) : left;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

function sheetCells(worksheet: ExcelJS.Worksheet): SheetCells {
  const texts = new Map<string, string>();
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // Positions covered by a merge repeat the master's value in exceljs; the merge gives them.
      if (cell.isMerged && cell.master !== cell) return;
      const text = valueText(cell.value, cell.numFmt);
      if (text !== '') texts.set(cellKey(rowNumber - 1, columnNumber - 1), text);
    });
  });
  const merges = (worksheet.model.merges ?? []).map(parseRange).filter((range): range is MergedRange => range !== null);
  return { name: worksheet.name, hidden: worksheet.state !== 'visible', texts, merges };
}

/** Throws a Rejection: `too-large`, `corrupt-file`, or `unsupported-format` for a zip that is not a workbook. */
export async function readXlsx(bytes: Uint8Array, limits: ReadLimits = defaultReadLimits): Promise<DocumentModel> {
  const contents = await guardZip(bytes, limits, { keep: () => false });
  if (!contents.names.includes('xl/workbook.xml')) {
    throw new Rejection(
      'unsupported-format',
      '该压缩包不是Excel表格（.xlsx），无法读取，请报送.docx、.xlsx或PDF格式的文件。',
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw isRejection(error) ? error : corrupt(error);
  }
  const { blocks, problems } = sheetBlocks(workbook.worksheets.map(sheetCells));
  return { format: 'xlsx', blocks, pageCount: null, problems };
}
