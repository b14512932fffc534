/**
 * A scoring table that a unit broke into several Word tables (a page break typed between rows, the
 * header repeated or not) read as the one table it is, as the PDF reader already does for a table
 * broken across pages: the rows of the tables that continue it are appended to its grid, and every
 * position keeps where it came from, so evidence still points at the cell a reviewer sees.
 */

import {
  type Block,
  type CellLocation,
  cellLocationOf,
  type GridCell,
  type TableBlock,
} from '../model/document-model.js';
import { compact } from '../text/normalize.js';
import { parseCellNumber } from '../text/numbers.js';

/** A table's columns by role, as read from its header. */
export interface ColumnRoles {
  readonly indicators: readonly number[];
  readonly max: number | null;
  readonly score: number;
  readonly firstDataRow: number;
}

export interface JoinedTable {
  /** The first table's index and page, the rows of every part; origins point inside this grid. */
  readonly table: TableBlock;
  /** The tables joined, the first one first. */
  readonly parts: readonly TableBlock[];
  /** Where a position of the joined grid stands in the document. */
  locate(row: number, column: number): CellLocation;
}

interface RowSource {
  readonly table: TableBlock;
  readonly row: number;
  /** Source column of each joined column (-1: the part has no such column). */
  readonly columns: readonly number[];
}

/** The row that closes the table: nothing after it continues the table. */
const FINAL_ROW = /部门整体自评得分|整体自评得分|自评总分|总得分/;
/** What may stand between two parts: a 「续表」 line or the caption repeated. */
const BETWEEN_PARTS = /^[（(]?续[表）)]?|^附件|打分表|评分表|自评表/;
const ROW_LABEL = /扣分|合计|总计|小计|得分/;

/**
 * Joins the tables after `first` in `blocks` that continue it. `readRoles` reads a part's header (null
 * when it has none); `roles` are the first table's.
 */
export function joinContinuations(
  blocks: readonly Block[],
  first: TableBlock,
  roles: ColumnRoles,
  readRoles: (table: TableBlock) => ColumnRoles | null,
): JoinedTable {
  const width = first.rows[0]?.length ?? 0;
  const identity = Array.from({ length: width }, (_, column) => column);
  const rows: GridCell[][] = first.rows.map((row) => row.map((cell) => ({ ...cell, origin: { ...cell.origin } })));
  const sources: RowSource[] = first.rows.map((_, row) => ({ table: first, row, columns: identity }));
  const rowPages: (number | null)[] = first.rowPages ? [...first.rowPages] : first.rows.map(() => first.page);
  const parts = [first];

  let at = blocks.indexOf(first) + 1;
  while (at < blocks.length && !closes(parts[parts.length - 1]!)) {
    const block = blocks[at]!;
    if (block.kind === 'paragraph') {
      const text = compact(block.text);
      if (text.length > 30 || !BETWEEN_PARTS.test(text)) break;
      at++;
      continue;
    }
    const columns = continuationColumns(block, roles, readRoles, width);
    if (!columns) break;
    const offset = rows.length;
    block.rows.slice(columns.from).forEach((row, i) => {
      const sourceRow = columns.from + i;
      rows.push(
        columns.map.map((source, column) => {
          const cell = source >= 0 ? row[source]! : undefined;
          if (!cell) return { text: '', rowSpan: 1, colSpan: 1, merged: false, origin: { row: offset + i, column } };
          const own = { row: offset + i, column };
          // A cell merged down from the part's header continues the previous part's cell: empty, "same as above".
          if (cell.merged && cell.origin.row < columns.from) return { ...cell, text: '', merged: false, origin: own };
          // A merge inside the part stays a merge when it stays in its column.
          const vertical = cell.merged && cell.origin.column === source;
          const origin = vertical ? { row: offset + cell.origin.row - columns.from, column } : own;
          return { ...cell, merged: vertical, origin };
        }),
      );
      sources.push({ table: block, row: sourceRow, columns: columns.map });
      rowPages.push(block.rowPages?.[sourceRow] ?? block.page);
    });
    parts.push(block);
    at++;
  }
  const table: TableBlock = { ...first, rows, rowPages: first.rowPages ? rowPages : null };
  return {
    table,
    parts,
    locate(row, column) {
      const source = sources[row];
      if (!source) return cellLocationOf(first, row, column);
      const sourceColumn = source.columns[column] ?? -1;
      return cellLocationOf(source.table, source.row, sourceColumn >= 0 ? sourceColumn : column);
    },
  };
}

/** Whether a part holds the row that ends the scoring table. */
function closes(table: TableBlock): boolean {
  return table.rows.some((row) => row.some((cell) => FINAL_ROW.test(compact(cell.text))));
}

/**
 * How a table continues the scoring table, or null when it does not: with its own header (the header
 * repeated, columns matched by role), or headless with the same columns and rows that read as items.
 */
function continuationColumns(
  table: TableBlock,
  roles: ColumnRoles,
  readRoles: (table: TableBlock) => ColumnRoles | null,
  width: number,
): { map: number[]; from: number } | null {
  const own = readRoles(table);
  if (own) {
    if (own.indicators.length !== roles.indicators.length) return null;
    const tableWidth = table.rows[0]?.length ?? 0;
    const map = Array.from({ length: width }, (_, column) => (tableWidth === width ? column : -1));
    roles.indicators.forEach((column, level) => {
      map[column] = own.indicators[level]!;
    });
    if (roles.max !== null) map[roles.max] = own.max ?? -1;
    map[roles.score] = own.score;
    return { map, from: own.firstDataRow };
  }
  if ((table.rows[0]?.length ?? 0) !== width) return null;
  const readsAsItems = table.rows.some((row) => {
    const label = compact(row.find((cell) => compact(cell.text) !== '')?.text ?? '');
    const max = roles.max === null ? null : parseCellNumber(row[roles.max]!.text);
    return (max !== null && parseCellNumber(row[roles.score]!.text) !== null) || ROW_LABEL.test(label);
  });
  return readsAsItems ? { map: Array.from({ length: width }, (_, column) => column), from: 0 } : null;
}
