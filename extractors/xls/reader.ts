/**
 * Legacy .xls (BIFF5/BIFF8 in an OLE compound file) → document model through SheetJS (@e965/xlsx, the
 * maintained mirror of SheetJS CE 0.20.3; the npm `xlsx` 0.18.5 has known advisories). Cells become
 * text through their number format with the same formatter as the XLSX reader, and each sheet one
 * table block (../xlsx/sheet-blocks.ts), so an .xls and its .xlsx give the same blocks.
 * SheetJS is asked for values and formats only: no formulas, no HTML, no styles, nothing external.
 */
import xlsx from '@e965/xlsx';
import { checkCompoundFile } from '../container/compound-file-guard.js';
import type { DocumentModel } from '../model/document-model.js';
import { defaultReadLimits, type ReadLimits } from '../model/limits.js';
import { isRejection, Rejection } from '../model/rejection.js';
import { formatNumber } from '../xlsx/cell-text.js';
import { cellKey, type MergedRange, type SheetCells, sheetBlocks } from '../xlsx/sheet-blocks.js';

const corrupt = (cause: unknown) =>
  new Rejection(
    'corrupt-file',
    'Excel表格（.xls）已损坏或不完整（可能是下载或拷贝中断），无法读取，请用Excel或WPS重新保存后报送。',
    { cause },
  );

function cellText(cell: xlsx.CellObject): string {
  if (cell.t === 'n' && typeof cell.v === 'number')
    return formatNumber(cell.v, cell.z === undefined ? undefined : String(cell.z));
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
  if (cell.t === 'e') return cell.w ?? '';
  if (cell.t === 'd' && cell.v instanceof Date) return cell.w ?? cell.v.toISOString();
  return cell.v === undefined || cell.v === null ? '' : String(cell.v);
}

function sheetCells(workbook: xlsx.WorkBook, name: string, index: number): SheetCells {
  const worksheet = workbook.Sheets[name];
  const texts = new Map<string, string>();
  const merges: MergedRange[] = [];
  if (worksheet) {
    for (const [address, cell] of Object.entries(worksheet)) {
      if (address.startsWith('!')) continue;
      const { r, c } = xlsx.utils.decode_cell(address);
      const text = cellText(cell as xlsx.CellObject);
      if (text !== '') texts.set(cellKey(r, c), text);
    }
    for (const range of worksheet['!merges'] ?? []) {
      merges.push({ top: range.s.r, left: range.s.c, bottom: range.e.r, right: range.e.c });
    }
  }
  // Hidden: 1 hidden, 2 very hidden (SheetJS's WBProps).
  const hidden = (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0;
  return { name, hidden, texts, merges };
}

/** Throws a Rejection: `too-large`, `corrupt-file` or `encrypted`. */
export async function readXls(bytes: Uint8Array, limits: ReadLimits = defaultReadLimits): Promise<DocumentModel> {
  checkCompoundFile(bytes, limits);
  let workbook: xlsx.WorkBook;
  // SheetJS writes a console line for each record it does not know (damage, or a newer writer's
  // record); those lines would reach the reviewer's terminal in English. They are counted instead.
  const consoleError = console.error;
  let unknownRecords = 0;
  console.error = () => {
    unknownRecords++;
  };
  try {
    workbook = xlsx.read(bytes, {
      type: 'buffer',
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      cellNF: true,
      cellText: true,
      bookVBA: false,
      WTF: false,
    });
  } catch (error) {
    if (isRejection(error)) throw error;
    if (error instanceof Error && /password|encrypt/i.test(error.message)) {
      throw new Rejection('encrypted', '该Excel表格（.xls）设置了打开密码，无法读取，请取消密码后重新报送。', {
        cause: error,
      });
    }
    throw corrupt(error);
  } finally {
    console.error = consoleError;
  }
  if (workbook.SheetNames.length === 0) throw corrupt(new Error('no sheets'));
  const { blocks, problems } = sheetBlocks(workbook.SheetNames.map((name, index) => sheetCells(workbook, name, index)));
  if (unknownRecords > 0) {
    problems.push({
      code: 'table-reconstruction',
      message: `该.xls表格中有${unknownRecords}条内部记录无法识别（文件可能已损坏），读取的内容可能不完整，请核对或用Excel/WPS重新保存后报送。`,
      path: null,
      location: null,
    });
  }
  return { format: 'xls', blocks, pageCount: null, problems };
}
