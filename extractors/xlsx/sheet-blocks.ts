/**
 * A workbook's sheets → the document model's blocks, shared by the XLSX (exceljs) and .xls (SheetJS)
 * readers so that both give the same blocks for the same sheet, and the same blocks as the DOCX reader
 * gives for the same form typed as a Word table:
 * - each visible sheet is one table block (`sheet` = its name), trimmed to the cells that hold text;
 * - merged ranges are spans, resolved as the DOCX grid resolves gridSpan/vMerge;
 * - the title lines above the table and the notes below it (rows holding one text only, e.g.
 *   「部门整体支出绩效自评表」 merged across the sheet) are paragraphs, as they are in a Word form;
 * - hidden sheets are not read (they are not part of the printed form the unit signed) and each one
 *   is named in an extraction problem, never dropped silently; hidden rows and columns are read like
 *   visible ones, so that no figure of a sheet that is read goes missing.
 */
import { resolveGrid, type SpanningCell } from '../docx/grid.js';
import type { Block, ExtractionProblem } from '../model/document-model.js';
import { Rejection } from '../model/rejection.js';

/** One sheet as the readers give it: cell texts by 0-based row and column, and its merged ranges (inclusive). */
export interface SheetCells {
  readonly name: string;
  readonly hidden: boolean;
  /** Text of each cell as the user sees it (numbers in their number format); missing or '' for an empty cell. */
  readonly texts: ReadonlyMap<string, string>;
  readonly merges: readonly MergedRange[];
}

export interface MergedRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export const cellKey = (row: number, column: number): string => `${row},${column}`;

/** Rows × columns above this are not a form; the DOCX grid refuses the same. */
const MAX_SHEET_POSITIONS = 1_000_000;

/** Line breaks inside a cell (Alt+Enter) as '\n', blank lines dropped, as a Word cell's paragraphs are joined. */
export function normaliseCellText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => /\S/.test(line))
    .join('\n');
}

interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The smallest rectangle holding every non-blank cell; null for a sheet without text. */
function usedBounds(sheet: SheetCells): Bounds | null {
  let bounds: Bounds | null = null;
  for (const [key, text] of sheet.texts) {
    if (!/\S/.test(text)) continue;
    const [row, column] = key.split(',').map(Number) as [number, number];
    if (!bounds) bounds = { top: row, left: column, bottom: row, right: column };
    else {
      bounds.top = Math.min(bounds.top, row);
      bounds.left = Math.min(bounds.left, column);
      bounds.bottom = Math.max(bounds.bottom, row);
      bounds.right = Math.max(bounds.right, column);
    }
  }
  if (!bounds) return null;
  // A merged range that starts inside the text extends the table to its end (a merged total row).
  for (const merge of sheet.merges) {
    if (merge.top < bounds.top || merge.left < bounds.left) continue;
    if (merge.top > bounds.bottom || merge.left > bounds.right) continue;
    bounds.bottom = Math.max(bounds.bottom, merge.bottom);
    bounds.right = Math.max(bounds.right, merge.right);
  }
  return bounds;
}

/** The sheet's rows of spanning cells within `bounds` (positions covered by a merge other than its origin left out). */
function spanningRows(sheet: SheetCells, bounds: Bounds): SpanningCell[][] {
  const origins = new Map<string, MergedRange>();
  const covered = new Set<string>();
  for (const merge of sheet.merges) {
    // Clip to the table: a range reaching outside the used area keeps its part inside.
    const top = Math.max(merge.top, bounds.top);
    const left = Math.max(merge.left, bounds.left);
    const bottom = Math.min(merge.bottom, bounds.bottom);
    const right = Math.min(merge.right, bounds.right);
    if (top > bottom || left > right) continue;
    if ((bottom - top + 1) * (right - left + 1) > MAX_SHEET_POSITIONS) continue;
    origins.set(cellKey(top, left), { top, left, bottom, right });
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) if (r !== top || c !== left) covered.add(cellKey(r, c));
    }
  }
  const rows: SpanningCell[][] = [];
  for (let row = bounds.top; row <= bounds.bottom; row++) {
    const cells: SpanningCell[] = [];
    for (let column = bounds.left; column <= bounds.right; column++) {
      const key = cellKey(row, column);
      if (covered.has(key)) continue;
      const merge = origins.get(key);
      // A merged range shows its top-left cell's value (Excel keeps no other).
      const text = normaliseCellText(sheet.texts.get(key) ?? '');
      cells.push({
        text,
        rowSpan: merge ? merge.bottom - merge.top + 1 : 1,
        colSpan: merge ? merge.right - merge.left + 1 : 1,
      });
    }
    rows.push(cells);
  }
  return rows;
}

/** A row holding one text only: one cell with text, the others blank (a title or a note, not a table row). */
function loneText(row: readonly { text: string; merged: boolean }[]): string | null {
  const texts = row.filter((cell) => !cell.merged && /\S/.test(cell.text));
  return texts.length === 1 ? texts[0]!.text : null;
}

export interface SheetBlocks {
  blocks: Block[];
  problems: ExtractionProblem[];
}

/** The blocks of the workbook's sheets, in sheet order; paragraphs and tables numbered across the workbook. */
export function sheetBlocks(sheets: readonly SheetCells[]): SheetBlocks {
  const blocks: Block[] = [];
  const problems: ExtractionProblem[] = [];
  let paragraphs = 0;
  let tables = 0;
  const paragraph = (text: string): Block => ({
    kind: 'paragraph',
    text,
    location: { page: null, paragraph: paragraphs++ },
    headingLevel: null,
  });
  for (const sheet of sheets) {
    if (sheet.hidden) {
      if (usedBounds(sheet)) {
        problems.push({
          code: 'table-reconstruction',
          message: `工作表「${sheet.name}」为隐藏工作表，未读取其内容；如其中有需审核的数据，请取消隐藏后重新报送。`,
          path: null,
          location: null,
        });
      }
      continue;
    }
    const bounds = usedBounds(sheet);
    if (!bounds) continue;
    if ((bounds.bottom - bounds.top + 1) * (bounds.right - bounds.left + 1) > MAX_SHEET_POSITIONS) {
      throw new Rejection(
        'too-large',
        `工作表「${sheet.name}」的行列数异常（超过${MAX_SHEET_POSITIONS}个单元格），疑似异常文件，已拒收。`,
      );
    }
    const grid = resolveGrid(spanningRows(sheet, bounds));
    let first = 0;
    let last = grid.length - 1;
    const leading: string[] = [];
    const trailing: string[] = [];
    while (first <= last) {
      const text = loneText(grid[first]!);
      // A lone text spanning rows belongs to the table (a group cell), not above it.
      if (text === null || grid[first]!.some((cell) => cell.rowSpan > 1)) break;
      leading.push(text);
      first++;
    }
    while (last >= first) {
      const text = loneText(grid[last]!);
      if (text === null || grid[last]!.some((cell) => cell.rowSpan > 1)) break;
      trailing.unshift(text);
      last--;
    }
    for (const text of leading) blocks.push(paragraph(text));
    if (first <= last) {
      const rows = grid
        .slice(first, last + 1)
        .map((cells) =>
          cells.map((cell) => ({ ...cell, origin: { row: cell.origin.row - first, column: cell.origin.column } })),
        );
      blocks.push({
        kind: 'table',
        index: tables++,
        page: null,
        rows,
        rowPages: null,
        sheet: sheet.name,
        sheetOrigin: { row: bounds.top + first, column: bounds.left },
      });
    }
    for (const text of trailing) blocks.push(paragraph(text));
  }
  return { blocks, problems };
}
