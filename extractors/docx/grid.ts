/**
 * Resolves a table given as rows of spanning cells (what mammoth yields: gridSpan → colSpan, vMerge →
 * rowSpan, continuation cells removed) into the document model's full grid: every position filled,
 * merged positions pointing at their top-left origin with the same text, every row the same width.
 */
import type { GridCell } from '../model/document-model.js';
import { Rejection } from '../model/rejection.js';

export interface SpanningCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
}

/** Word allows 63 columns; a larger gridSpan is damage or hostility, not layout. */
const MAX_COLUMN_SPAN = 63;
/** Grid positions per table: far beyond any real scoring table, low enough to keep memory in bounds. */
const MAX_GRID_POSITIONS = 1_000_000;

const clampSpan = (span: number, max: number) =>
  Number.isFinite(span) ? Math.min(Math.max(Math.trunc(span), 1), max) : 1;

export function resolveGrid(rows: readonly (readonly SpanningCell[])[]): GridCell[][] {
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  let width = 0;
  rows.forEach((cells, row) => {
    let column = 0;
    for (const cell of cells) {
      // Skip positions taken by cells merged down from rows above (HTML's table model).
      while (grid[row]![column]) column++;
      const rowSpan = clampSpan(cell.rowSpan, rows.length - row);
      const colSpan = clampSpan(cell.colSpan, MAX_COLUMN_SPAN);
      for (let r = row; r < row + rowSpan; r++) {
        for (let c = column; c < column + colSpan; c++) {
          // Inconsistent merges may overlap; the cell placed first keeps the position.
          if (grid[r]![c]) continue;
          const isOrigin = r === row && c === column;
          grid[r]![c] = { text: cell.text, rowSpan, colSpan, merged: !isOrigin, origin: { row, column } };
        }
      }
      column += colSpan;
      width = Math.max(width, column);
      if (width * rows.length > MAX_GRID_POSITIONS) {
        throw new Rejection('too-large', '文件中的表格过大（行列数异常），疑似异常文件，已拒收。');
      }
    }
  });
  return grid.map((cells, row) =>
    Array.from({ length: width }, (_, column) => {
      const cell = cells[column];
      return cell ?? { text: '', rowSpan: 1, colSpan: 1, merged: false, origin: { row, column } };
    }),
  );
}
