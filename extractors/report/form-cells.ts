/**
 * Reading the official forms by their labels: every table row of the document in reading order
 * (a form a PDF broke over pages continues in the next table of the same width), the distinct cells
 * of a row, a label's value cell to its right, and figures as the forms write them (万元 with two
 * decimals, 100.00%, 108.70%, — for none).
 */
import { Decimal } from 'decimal.js';
import {
  type Block,
  type CellLocation,
  cellLocationOf,
  type GridCell,
  type TableBlock,
} from '../model/document-model.js';
import type { Evidence } from '../model/report-schema.js';
import { compact, toHalfWidth } from '../text/normalize.js';
import { parseQuantity } from '../text/numbers.js';
import { cellEvidence } from './evidence.js';

export { compact };

/** One distinct cell of a row: its origin text, where its origin stands, and whether it starts in this row. */
export interface RowCell {
  readonly text: string;
  readonly cell: GridCell;
  readonly column: number;
  readonly colSpan: number;
  /** False for a cell merged down from a row above. */
  readonly startsHere: boolean;
  readonly location: CellLocation;
}

export interface FormRow {
  readonly table: TableBlock;
  readonly row: number;
  readonly width: number;
  readonly cells: readonly RowCell[];
}

/** Every table row of the document in order, each with its distinct cells. */
export function formRows(blocks: readonly Block[]): FormRow[] {
  const rows: FormRow[] = [];
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    block.rows.forEach((row, r) => {
      const cells: RowCell[] = [];
      const seen = new Set<string>();
      row.forEach((cell, column) => {
        const origin = cell.merged ? cell.origin : { row: r, column };
        const key = `${origin.row}:${origin.column}`;
        if (seen.has(key)) return;
        seen.add(key);
        const source = block.rows[origin.row]?.[origin.column] ?? cell;
        cells.push({
          text: compact(source.text),
          cell: source,
          column,
          colSpan: Math.max(1, source.colSpan - (column - origin.column)),
          startsHere: origin.row === r,
          location: cellLocationOf(block, origin.row, origin.column),
        });
      });
      rows.push({ table: block, row: r, width: row.length, cells });
    });
  }
  return rows;
}

/** The cell of a row that covers grid column `column`. */
export function cellAt(row: FormRow, column: number): RowCell | undefined {
  return row.cells.find((cell) => column >= cell.column && column < cell.column + cell.colSpan);
}

/** The first non-empty cell right of `label` in its row that is not itself a label. */
export function valueRightOf(row: FormRow, label: RowCell, isLabel: (text: string) => boolean): RowCell | null {
  for (const cell of row.cells) {
    if (cell.column <= label.column || cell.text === '') continue;
    if (isLabel(cell.text)) return null;
    return cell;
  }
  return null;
}

const BLANK = /^(?:—+|－+|-+|–+|\/|／|无)?$/;

/** A figure as a form cell states it, with the precision of its last digit (in the cell's own unit). */
export interface CellFigure {
  readonly value: Decimal;
  readonly halfUnit: Decimal;
}

/** A plain number (1,325.68 / 861.10 / ９７); null for a blank or dash; undefined for anything else. */
export function cellNumber(text: string): CellFigure | null | undefined {
  const plain = toHalfWidth(text).replace(/[\s,，]/g, '');
  if (BLANK.test(plain)) return null;
  const match = /^(-?\d+(?:\.(\d+))?)(?:分|万元)?$/.exec(plain);
  if (!match) return undefined;
  const decimals = match[2]?.length ?? 0;
  return { value: new Decimal(match[1]!), halfUnit: new Decimal(5).times(new Decimal(10).pow(-decimals - 1)) };
}

/** A rate as stated: 100.00% or 108.70% → a fraction; a bare number is taken as percent. */
export function cellRate(text: string): CellFigure | null | undefined {
  const plain = toHalfWidth(text).replace(/\s/g, '');
  if (BLANK.test(plain)) return null;
  const quantity = parseQuantity(plain);
  if (quantity && quantity.kind === 'rate') return { value: quantity.value, halfUnit: quantity.halfUnit };
  const number = cellNumber(plain);
  if (number) return { value: number.value.dividedBy(100), halfUnit: number.halfUnit.dividedBy(100) };
  return number;
}

/** Evidence of a figure read from a cell, in base units with its stated precision. */
export function figureEvidence(
  cell: RowCell,
  label: string,
  figure: CellFigure,
  multiplier: number,
  unit: string,
): Evidence {
  return {
    ...cellEvidence(cell.cell, cell.location, label, figure.value.times(multiplier).toNumber(), unit),
    halfUnit: figure.halfUnit.times(multiplier).toNumber(),
  };
}
