/**
 * Money stated in the small tables of a submission (a 收支 table: 收入总额 | 801.86 with 万元 in its
 * header or caption), besides the scoring table: each label cell with the number beside it (or below
 * it, when the labels head the columns), the unit taken from the number's own cell, its column header,
 * its row label, the table's caption row or the line just above the table.
 */

import {
  type Block,
  type CellLocation,
  cellLocationOf,
  type GridCell,
  type TableBlock,
} from '../model/document-model.js';
import type { Evidence } from '../model/report-schema.js';
import { compact } from '../text/normalize.js';
import { parseQuantity, type Quantity } from '../text/numbers.js';

export interface TableMoney {
  /** The label cell's words, numbering and unit removed: 「收入总额」. */
  readonly label: string;
  /** The number in yuan, with its stated precision; null for a stated 「无」. */
  readonly quantity: Quantity | null;
  readonly evidence: Evidence;
  readonly table: TableBlock;
}

/** A table whose money cannot be read: a bare number with no unit anywhere around it. */
export interface UnitlessTable {
  readonly label: string;
  readonly location: CellLocation;
}

const MONEY_UNIT = /(亿元|万元|千元|元)/;
const UNIT_NOTE = /(?:单位|金额单位)[：:]?(亿元|万元|千元|元)|[（(](亿元|万元|千元|元)[）)]/;
const BARE_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** 「无」 or a dash in a money cell states zero. */
const NOTHING = /^(?:无|—|-|－|——)$/;
const LABEL_CLEAN =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])|[（(][^）)]*[）)]|[：:]$/g;
/** Column headers that name an earlier or planned figure rather than the year's actual one. */
const NOT_ACTUAL = /预算数|年初|上年|调整前/;

const unitIn = (text: string) => {
  const note = UNIT_NOTE.exec(compact(text));
  return note ? (note[1] ?? note[2]!) : null;
};

/** The unit a caption gives the whole table: a full-width row of the table, or the lines just above it. */
function captionUnit(blocks: readonly Block[], table: TableBlock): string | null {
  const width = table.rows[0]?.length ?? 0;
  for (const row of table.rows.slice(0, 2)) {
    const cell = row[0];
    if (cell && cell.colSpan >= width && width > 1) {
      const unit = unitIn(cell.text);
      if (unit) return unit;
    }
  }
  const at = blocks.indexOf(table);
  for (let i = at - 1; i >= Math.max(0, at - 2); i--) {
    const block = blocks[i]!;
    if (block.kind !== 'paragraph') break;
    const unit = unitIn(block.text);
    if (unit) return unit;
  }
  return null;
}

/** The unit in the header cells above a position: 「金额（万元）」. */
function columnUnit(table: TableBlock, row: number, column: number): string | null {
  for (let r = row - 1; r >= 0; r--) {
    const unit = unitIn(table.rows[r]![column]!.text);
    if (unit) return unit;
  }
  return null;
}

function headerAbove(table: TableBlock, row: number, column: number): string {
  return table.rows
    .slice(0, row)
    .map((cells) => compact(cells[column]!.text))
    .join('/');
}

interface NumberCell {
  readonly cell: GridCell;
  readonly row: number;
  readonly column: number;
}

/** The money a number cell states, or `unitless` when no unit can be found for a bare number. */
function readMoney(
  table: TableBlock,
  at: NumberCell,
  labelText: string,
  caption: string | null,
): Quantity | null | 'unitless' | 'no-number' {
  const text = compact(at.cell.text);
  if (NOTHING.test(text)) return null;
  const stated = parseQuantity(text);
  if (stated && stated.kind === 'money') return stated;
  if (!BARE_NUMBER.test(text)) return 'no-number';
  const unit = columnUnit(table, at.row, at.column) ?? unitIn(labelText) ?? caption;
  if (!unit) return 'unitless';
  const quantity = parseQuantity(`${text}${unit}`);
  return quantity && quantity.kind === 'money' ? quantity : 'no-number';
}

/** The positions to the right of a label cell, in order, each grid cell once (merged positions skipped). */
function cellsRightOf(table: TableBlock, row: number, column: number): NumberCell[] {
  const cells = table.rows[row]!;
  const found: NumberCell[] = [];
  for (let c = column + 1; c < cells.length; c++) {
    const cell = cells[c]!;
    if (cell.merged || compact(cell.text) === '') continue;
    found.push({ cell, row, column: c });
  }
  return found;
}

/** The money stated at one position of a table (its unit found as for `scanTableMoney`). */
export function moneyInCell(
  blocks: readonly Block[],
  table: TableBlock,
  row: number,
  column: number,
  labelText: string,
): Quantity | null | 'unitless' | 'no-number' {
  const cell = table.rows[row]![column]!;
  return readMoney(table, { cell, row, column }, labelText, captionUnit(blocks, table));
}

export interface TableMoneyScan {
  readonly figures: TableMoney[];
  readonly unitless: UnitlessTable[];
}

/**
 * Every label cell matching `isLabel` with the money beside it, in the tables other than `skip`. A row
 * with several numbers (预算数 | 决算数) gives the first not headed as a budgeted or earlier figure.
 */
export function scanTableMoney(
  blocks: readonly Block[],
  skip: ReadonlySet<TableBlock>,
  isLabel: (label: string) => boolean,
): TableMoneyScan {
  const figures: TableMoney[] = [];
  const unitless: UnitlessTable[] = [];
  for (const block of blocks) {
    if (block.kind !== 'table' || skip.has(block)) continue;
    const caption = captionUnit(blocks, block);
    block.rows.forEach((cells, row) => {
      cells.forEach((cell, column) => {
        if (cell.merged) return;
        const label = compact(cell.text).replace(LABEL_CLEAN, '');
        if (label === '' || label.length > 20 || !isLabel(label)) return;
        const beside = cellsRightOf(block, row, column);
        const below = block.rows[row + 1]?.[column];
        const candidates: NumberCell[] = [
          ...beside.filter((at) => !NOT_ACTUAL.test(headerAbove(block, row, at.column))),
          ...beside.filter((at) => NOT_ACTUAL.test(headerAbove(block, row, at.column))),
          ...(below && !below.merged ? [{ cell: below, row: row + 1, column }] : []),
        ];
        for (const at of candidates) {
          const money = readMoney(block, at, cell.text, caption);
          if (money === 'no-number') continue;
          const location = cellLocationOf(block, at.row, at.column);
          if (money === 'unitless') {
            unitless.push({ label, location });
            return;
          }
          figures.push({
            label,
            quantity: money,
            table: block,
            evidence: {
              label,
              value: money === null ? 0 : money.value.toNumber(),
              text: `${cell.text.trim()}：${at.cell.text.trim()}`,
              location,
              halfUnit: money === null ? 0 : money.halfUnit.toNumber(),
              approximate: money?.approximate ?? false,
              unit: money === null ? '' : (MONEY_UNIT.exec(money.unit)?.[1] ?? money.unit),
            },
          });
          return;
        }
      });
    });
  }
  return { figures, unitless };
}
