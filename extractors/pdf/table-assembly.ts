/**
 * Page tables → document tables. A table at the top of a page that continues the table at the
 * bottom of the previous page (same outer column boundaries, and a page break the page's end forced:
 * a break with room left is where a unit split its table in two) is appended to it: repeated header
 * rows are dropped, a vertically merged cell cut by the page break goes on merging, and a row that
 * Word/LibreOffice split across the break is put back together — so that row and column indices
 * are those of the DOCX the PDF came from. The result is the resolved GridCell grid.
 */
import type { CellTextBox, GridCell } from '../model/document-model.js';
import { type Box, extent, lowestConfidence, type TextLine } from './geometry.js';
import { wrapSeparator } from './lines.js';
import { cellLineSeparator, type PageTable } from './tables.js';

interface AssembledCell {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** The cell's part on the last page it appears on, for deciding how a continuation joins it. */
  box: Box;
  lines: TextLine[];
  /** Extent of the cell's text on each page it is on (top-left page space). */
  textBoxes?: { page: number; box: Box }[];
  /** Lowest OCR confidence of the text of every page the cell is on (`lines` holds the last page's only). */
  confidence?: number;
}

/**
 * How far glyphs reach above and below the baseline, in ems: generous (CJK faces and poppler's
 * font-descriptor boxes reach past 0.88/0.12), since the outline must enclose the text.
 */
export const glyphAscent = 1;
export const glyphDescent = 0.3;

/** The extent of a cell's text lines (glyph tops and descents from the baselines and font sizes). */
function linesBox(lines: readonly TextLine[]): Box | null {
  if (lines.length === 0) return null;
  return {
    left: extent(lines.map((line) => line.left)).min,
    right: extent(lines.map((line) => line.right)).max,
    top: extent(lines.map((line) => line.y - line.size * glyphAscent)).min,
    bottom: extent(lines.map((line) => line.y + line.size * glyphDescent)).max,
  };
}

function withTextBoxes<T extends { lines: TextLine[]; textBoxes?: { page: number; box: Box }[] }>(
  cell: T,
  page: number,
): T {
  if (cell.textBoxes) return cell;
  const box = linesBox(cell.lines);
  const placed = { ...cell, textBoxes: box ? [{ page, box }] : [] };
  const confidence = lowestConfidence(cell.lines);
  return confidence === undefined ? placed : { ...placed, confidence };
}

export interface AssembledTable {
  page: number;
  top: number;
  xs: number[];
  rowCount: number;
  rowPages: number[];
  cells: AssembledCell[];
  lastPage: number;
  /** Per column of `xs`: whether a rule closes the table's last row on its last page. */
  closedBottom: boolean[];
  irregular: boolean;
  /** Bottom edge of the table on its last page. */
  bottom: number;
  /** Rebuilt from text alignment: never joined across pages, having no rules to tell how. */
  borderless: boolean;
}

/** Column boundaries of two fragments closer than this (points) are the same boundary. */
const COLUMN_TOLERANCE = 3;
/** Text whose first line's top lies within this many ems of its cell's top starts at the top. */
const TOP_START_EMS = 0.6;

export function startTable(table: PageTable): AssembledTable {
  const { grid } = table;
  return {
    page: table.page,
    top: grid.box.top,
    xs: [...grid.xs],
    rowCount: grid.ys.length - 1,
    rowPages: new Array<number>(grid.ys.length - 1).fill(table.page),
    cells: table.cells.map((c) => withTextBoxes({ ...c }, table.page)),
    lastPage: table.page,
    closedBottom: [...grid.closedBottom],
    irregular: grid.irregular,
    bottom: grid.box.bottom,
    borderless: grid.borderless,
  };
}

/** Whether `next` (first block of its page) can continue `table` (last block of the previous page). */
export function continues(table: AssembledTable, next: PageTable): boolean {
  if (next.page !== table.lastPage + 1 || table.borderless || next.grid.borderless) return false;
  const a = table.xs;
  const b = next.grid.xs;
  if (Math.abs(a[0]! - b[0]!) > COLUMN_TOLERANCE || Math.abs(a.at(-1)! - b.at(-1)!) > COLUMN_TOLERANCE) return false;
  const innerA = a.slice(1, -1);
  const innerB = b.slice(1, -1);
  const shared = innerB.filter((x) => innerA.some((y) => Math.abs(x - y) <= COLUMN_TOLERANCE)).length;
  return shared >= Math.ceil(Math.min(innerA.length, innerB.length) / 2);
}

/** Union of two boundary lists and, for each list, the index of each of its boundaries in the union. */
function unionBoundaries(a: number[], b: number[]): { xs: number[]; mapA: number[]; mapB: number[] } {
  const all = [...a.map((x) => ({ x, from: 0 })), ...b.map((x) => ({ x, from: 1 }))].sort((p, q) => p.x - q.x);
  const xs: number[] = [];
  const index = [new Map<number, number>(), new Map<number, number>()];
  const original = [a, b];
  for (const p of all) {
    if (xs.length === 0 || p.x - xs.at(-1)! > COLUMN_TOLERANCE) xs.push(p.x);
    index[p.from]!.set(p.x, xs.length - 1);
  }
  const mapA = original[0]!.map((x) => index[0]!.get(x)!);
  const mapB = original[1]!.map((x) => index[1]!.get(x)!);
  return { xs, mapA, mapB };
}

function remap<T extends { column: number; colSpan: number }>(cell: T, map: number[]): T {
  const column = map[cell.column]!;
  return { ...cell, column, colSpan: map[cell.column + cell.colSpan]! - column };
}

const normalised = (text: string): string => text.replace(/\s+/g, '');

/** The cell covering a position, or undefined. */
function cellAt<T extends { row: number; column: number; rowSpan: number; colSpan: number }>(
  cells: T[],
  row: number,
  column: number,
): T | undefined {
  return cells.find(
    (c) => row >= c.row && row < c.row + c.rowSpan && column >= c.column && column < c.column + c.colSpan,
  );
}

/** How many leading rows of `next` repeat the first rows of `table` (a repeated header). */
function repeatedHeaderRows(table: AssembledTable, next: AssembledCell[], nextRows: number, columns: number): number {
  const limit = Math.min(table.rowCount, nextRows - 1);
  // Only cells starting within the compared rows matter; long tables must not be scanned per position.
  const top = table.cells.filter((c) => c.row < limit);
  const nextTop = next.filter((c) => c.row < limit);
  let k = 0;
  while (k < limit) {
    let same = true;
    let hasText = false;
    for (let c = 0; c < columns && same; c++) {
      const a = cellAt(top, k, c);
      const b = cellAt(nextTop, k, c);
      if (!a || !b || normalised(a.text) !== normalised(b.text)) same = false;
      else if (a.text.trim() !== '') hasText = true;
    }
    if (!same || !hasText) break;
    k++;
  }
  // Never cut through a cell that spans from the repeated rows into the body.
  while (k > 0 && next.some((c) => c.row < k && c.row + c.rowSpan > k)) k--;
  return k;
}

/** Whether a cell's text runs down to the bottom of its box (as the text of a row cut by a page break does). */
function fillsToBottom(cell: AssembledCell): boolean {
  const first = cell.lines[0];
  const last = cell.lines.at(-1);
  if (!first || !last) return false;
  const topGap = first.y - first.size * 0.85 - cell.box.top;
  const bottomGap = cell.box.bottom - (last.y + last.size * 0.25);
  return bottomGap <= Math.max(0, topGap) + 0.8 * last.size;
}

/**
 * Whether a cell's text starts at the top of its box. Text cut by a page break fills the cell part
 * above the break from its top and runs on from the top below it; the short text of a row of its own
 * is often centred in a taller row instead.
 */
function startsAtTop(cell: AssembledCell): boolean {
  const first = cell.lines[0];
  return first !== undefined && first.y - first.size * 0.85 - cell.box.top <= TOP_START_EMS * first.size;
}

/** The cells of `table` and of `next` on the union of their columns, and how many rows of `next` repeat the header. */
function onSharedColumns(table: AssembledTable, next: PageTable) {
  const { xs, mapA, mapB } = unionBoundaries(table.xs, next.grid.xs);
  const columns = xs.length - 1;
  const cells = table.cells.map((c) => remap(c, mapA));
  const incoming: AssembledCell[] = next.cells.map((c) => remap({ ...c }, mapB));
  const incomingRows = next.grid.ys.length - 1;
  const header = repeatedHeaderRows({ ...table, cells }, incoming, incomingRows, columns);
  return { xs, mapA, mapB, columns, cells, incoming, incomingRows, header };
}

/**
 * Whether the page break between `table` and `next` was forced by the page's end: the first row that
 * `next` brings (after any repeated header) would not have fitted under `table` on its page, where
 * content reaches down to `foot` at least. A break with room to spare was made on purpose — Word holds
 * no page break inside a table, so the table was split in two there, and its last row is complete.
 */
export function breakForced(table: AssembledTable, next: PageTable, foot: number): boolean {
  const { header, incomingRows } = onSharedColumns(table, next);
  if (header >= incomingRows) return true;
  const ys = next.grid.ys;
  return table.bottom + (ys[header + 1]! - ys[header]!) > foot;
}

/** Appends `next` (already known to continue `table`) to `table`. */
export function appendContinuation(table: AssembledTable, next: PageTable): void {
  const shared = onSharedColumns(table, next);
  const { xs, mapA, mapB, columns, header } = shared;
  table.cells = shared.cells;
  table.closedBottom = spread(table.closedBottom, mapA, columns);
  table.xs = xs;
  let incoming = shared.incoming;
  let incomingRows = shared.incomingRows;
  const closedBottom = spread(next.grid.closedBottom, mapB, columns);

  incoming = incoming
    .filter((c) => c.row >= header)
    .map((c) => withTextBoxes({ ...c, row: c.row - header }, next.page));
  incomingRows -= header;

  const lastRow = table.rowCount - 1;
  const bottom = table.cells.filter((c) => c.row <= lastRow && c.row + c.rowSpan > lastRow);
  const pairs = new Map<AssembledCell, AssembledCell>(); // first-row cell of `next` → cell above it
  for (let c = 0; c < columns; c++) {
    const below = cellAt(incoming, 0, c);
    const above = cellAt(bottom, lastRow, c);
    if (below && above && below.column === above.column && below.colSpan === above.colSpan) pairs.set(below, above);
  }
  const firstRow = incoming.filter((c) => c.row === 0);
  const withText = firstRow.filter((c) => c.text !== '');
  // A row split by the page break: the continuation only carries on texts that were cut off.
  const rowSplit =
    withText.length > 0 &&
    firstRow.every((c) => pairs.has(c)) &&
    withText.every((c) => {
      const above = pairs.get(c)!;
      return above.text !== '' && startsAtTop(above) && fillsToBottom(above) && startsAtTop(c);
    });
  // Columns whose body cells are merged down over several rows (一级/二级指标): an empty cell at the
  // top of the next page in such a column is the same merged cell going on. Header cells merged over
  // the header rows do not make a column one of these.
  let headerRows = 1;
  for (const c of table.cells) if (c.row === 0) headerRows = Math.max(headerRows, c.rowSpan);
  const groupingColumns = new Set<number>();
  for (const c of table.cells) {
    if (c.row >= headerRows && c.rowSpan > 1 && c.text !== '') groupingColumns.add(c.column);
  }
  // A group that starts at the foot of a page may have a single row there: the continuation shows the column merges too.
  for (const c of incoming) if (c.rowSpan > 1 && c.text !== '') groupingColumns.add(c.column);

  const consumed = new Set<AssembledCell>();
  for (const [below, above] of pairs) {
    if (rowSplit) {
      const lastLine = above.lines.at(-1);
      if (below.text !== '' && above.text !== '') {
        // The cut may fall between two paragraphs of the cell as well as inside a sentence.
        const separator = lastLine
          ? cellLineSeparator(above.text, lastLine, below.text, above.lines, above.box)
          : wrapSeparator(above.text, below.text);
        above.text += separator + below.text;
      } else if (below.text !== '') {
        above.text = below.text;
      }
      above.rowSpan += below.rowSpan - 1;
    } else {
      const cutMerge =
        below.text === '' &&
        above.text !== '' &&
        (above.rowSpan > 1 ||
          below.rowSpan > 1 ||
          groupingColumns.has(above.column) ||
          !table.closedBottom[above.column]);
      // A merged cell whose label the page break cut (部门预算项目绩效管理 | （70分）): its text runs down
      // to the break and goes on at the top of a cell that is merged down the rows of the next page.
      const cutLabel =
        below.text !== '' && above.text !== '' && below.rowSpan > 1 && fillsToBottom(above) && startsAtTop(below);
      if (!cutMerge && !cutLabel) continue;
      if (cutLabel) above.text += wrapSeparator(above.text, below.text) + below.text;
      above.rowSpan += below.rowSpan;
    }
    above.box = below.box;
    const confidence = lowestConfidence([above, below]);
    if (confidence !== undefined) above.confidence = confidence;
    above.lines = below.lines;
    above.textBoxes = [...(above.textBoxes ?? []), ...(below.textBoxes ?? [])];
    consumed.add(below);
  }
  const offset = rowSplit ? lastRow : lastRow + 1;
  for (const cell of incoming) {
    if (!consumed.has(cell)) table.cells.push({ ...cell, row: cell.row + offset });
  }
  const addedRows = incomingRows - (rowSplit ? 1 : 0);
  for (let i = 0; i < addedRows; i++) table.rowPages.push(next.page);
  table.rowCount += addedRows;
  table.lastPage = next.page;
  table.bottom = next.grid.box.bottom;
  table.closedBottom = closedBottom;
  table.irregular ||= next.grid.irregular;
}

/** Per-column flags of a fragment, spread onto the union's columns. */
function spread(flags: boolean[], map: number[], columns: number): boolean[] {
  const result = new Array<boolean>(columns).fill(true);
  flags.forEach((flag, c) => {
    for (let k = map[c]!; k < map[c + 1]!; k++) result[k] = flag;
  });
  return result;
}

/** The resolved grid: every position filled, merged positions pointing at their top-left origin. */
/** [x0, y0, x1, y1] in PDF points from the lower-left corner, from a box in top-left page space. */
function pdfBox(box: Box, pageHeight: number): [number, number, number, number] {
  const round = (value: number): number => Math.round(value * 100) / 100;
  return [round(box.left), round(pageHeight - box.bottom), round(box.right), round(pageHeight - box.top)];
}

export function toGrid(table: AssembledTable): GridCell[][] {
  const columns = table.xs.length - 1;
  const rows: (GridCell | undefined)[][] = Array.from({ length: table.rowCount }, () =>
    new Array<GridCell | undefined>(columns).fill(undefined),
  );
  const ordered = [...table.cells].sort((a, b) => a.row - b.row || a.column - b.column);
  for (const cell of ordered) {
    for (let r = cell.row; r < Math.min(cell.row + cell.rowSpan, table.rowCount); r++) {
      for (let c = cell.column; c < Math.min(cell.column + cell.colSpan, columns); c++) {
        if (rows[r]![c]) continue;
        rows[r]![c] = {
          text: cell.text,
          rowSpan: cell.rowSpan,
          colSpan: cell.colSpan,
          merged: r !== cell.row || c !== cell.column,
          origin: { row: cell.row, column: cell.column },
        };
        if (cell.confidence !== undefined) rows[r]![c]!.confidence = cell.confidence;
      }
    }
  }
  return rows.map((row, r) =>
    row.map((cell, c) => cell ?? { text: '', rowSpan: 1, colSpan: 1, merged: false, origin: { row: r, column: c } }),
  );
}

/** Where the text of the cell at each grid position stands, per page, in PDF points (SPEC §7 box). */
export function cellBoxes(table: AssembledTable, pageHeight: (page: number) => number): CellTextBox[][][] {
  const columns = table.xs.length - 1;
  const boxes: CellTextBox[][][] = Array.from({ length: table.rowCount }, () =>
    Array.from({ length: columns }, () => []),
  );
  for (const cell of table.cells) {
    const placed = (cell.textBoxes ?? []).map(({ page, box }) => ({ page, box: pdfBox(box, pageHeight(page)) }));
    for (let r = cell.row; r < Math.min(cell.row + cell.rowSpan, table.rowCount); r++) {
      for (let c = cell.column; c < Math.min(cell.column + cell.colSpan, columns); c++) {
        if (boxes[r]![c]!.length === 0) boxes[r]![c] = placed;
      }
    }
  }
  return boxes;
}
