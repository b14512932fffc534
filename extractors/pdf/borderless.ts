/**
 * Tables drawn without ruling lines (WPS's 「无框线」 tables, Word tables with borders removed) →
 * page grids, from text alignment alone. Consecutive lines that wide gaps split into the same number
 * of fields, each field lining up with the one above it (left, centre or right edge), at least two
 * rows by two columns, and one column holding figures below its header: such lines are a table's
 * rows, and the grid built around them lets the table builder read them as cells. Anything less
 * regular stays text: a borderless table of wrapped cells, or of rows with empty cells, is not
 * rebuilt.
 */
import { extent, type TextRun } from './geometry.js';
import type { PageGrid } from './grid.js';
import { groupRuns } from './lines.js';

/** A gap this many ems wide between runs on one line separates two cells (runs of running text abut). */
const CELL_GAP_EMS = 0.75;
/** Edges closer than this share of an em line up. */
const ALIGN_EMS = 0.4;
/** Rows of one table lie no further apart than this many ems (baseline to baseline). */
const ROW_PITCH_EMS = 3;
/** Columns of one table stay at least this many ems apart (a full cell's text comes close to the next). */
const COLUMN_GAP_EMS = 0.75;

/** A figure as a cell states it: 801.86, 8,018,600.00, 96%, 0, 68万元, （12.5）, or a dash for none. */
const figurePattern =
  /^[（(]?[-−+]?[0-9０-９][0-9０-９,，.．]*[）)]?\s*(%|％|万元|亿元|元|万|人|户|名|个|项|次|处|亩|万亩)?$|^[-—–－/无]$/;

interface Field {
  left: number;
  right: number;
  text: string;
}

interface FieldLine {
  y: number;
  size: number;
  fields: Field[];
}

function fieldsOf(runs: TextRun[]): FieldLine {
  const fields: Field[] = [];
  let size = 0;
  let weighted = 0;
  let weight = 0;
  for (const run of runs) {
    size = Math.max(size, run.size);
    weighted += run.y * run.width;
    weight += run.width;
    const last = fields.at(-1);
    if (last && run.x - last.right <= CELL_GAP_EMS * run.size) {
      last.right = Math.max(last.right, run.x + run.width);
      last.text += run.text;
    } else {
      fields.push({ left: run.x, right: run.x + run.width, text: run.text });
    }
  }
  return { y: weight > 0 ? weighted / weight : runs[0]!.y, size, fields };
}

function lineUp(a: Field, b: Field, tolerance: number): boolean {
  return (
    Math.abs(a.left - b.left) <= tolerance ||
    Math.abs(a.right - b.right) <= tolerance ||
    Math.abs(a.left + a.right - b.left - b.right) / 2 <= tolerance
  );
}

/** Whether `line` continues the table whose last row is `above`: same fields, each under the one above. */
function continuesRows(above: FieldLine, line: FieldLine): boolean {
  if (line.fields.length !== above.fields.length) return false;
  if (line.y - above.y > ROW_PITCH_EMS * Math.max(above.size, line.size)) return false;
  if (Math.abs(line.size - above.size) > 0.15 * Math.max(above.size, line.size)) return false;
  const tolerance = ALIGN_EMS * line.size;
  return line.fields.every((field, k) => lineUp(above.fields[k]!, field, tolerance));
}

/** Columns that stay apart over all rows, and one of them figures below the header row. */
function isTable(rows: FieldLine[]): boolean {
  const columns = rows[0]!.fields.length;
  const size = rows[0]!.size;
  for (let k = 0; k + 1 < columns; k++) {
    let right = -Infinity;
    let left = Infinity;
    for (const row of rows) {
      right = Math.max(right, row.fields[k]!.right);
      left = Math.min(left, row.fields[k + 1]!.left);
    }
    if (left - right < COLUMN_GAP_EMS * size) return false;
  }
  for (let k = 1; k < columns; k++) {
    if (rows.slice(1).every((row) => figurePattern.test(row.fields[k]!.text.replace(/\s+/g, '')))) return true;
  }
  return false;
}

function gridOf(rows: FieldLine[]): PageGrid {
  const columns = rows[0]!.fields.length;
  const xs: number[] = [];
  let left = Infinity;
  let right = -Infinity;
  for (const row of rows) {
    left = Math.min(left, row.fields[0]!.left);
    right = Math.max(right, row.fields[columns - 1]!.right);
  }
  xs.push(left - 1);
  for (let k = 0; k + 1 < columns; k++) {
    const end = extent(rows.map((row) => row.fields[k]!.right)).max;
    const start = extent(rows.map((row) => row.fields[k + 1]!.left)).min;
    xs.push((end + start) / 2);
  }
  xs.push(right + 1);
  // Row boundaries halfway between the glyph centres the table builder locates runs by.
  const centre = (row: FieldLine): number => row.y - 0.35 * row.size;
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const ys = [first.y - first.size - 1];
  for (let r = 0; r + 1 < rows.length; r++) ys.push((centre(rows[r]!) + centre(rows[r + 1]!)) / 2);
  ys.push(last.y + 0.3 * last.size);
  const regions = rows.flatMap((_, row) =>
    Array.from({ length: columns }, (__, column) => ({ row, column, rowSpan: 1, colSpan: 1 })),
  );
  return {
    xs,
    ys,
    regions,
    box: { left: xs[0]!, top: ys[0]!, right: xs[columns]!, bottom: ys[rows.length]! },
    closedBottom: new Array<boolean>(columns).fill(true),
    irregular: false,
    borderless: true,
  };
}

/** Finds the borderless tables among a page's runs (those outside its ruled tables), top to bottom. */
export function findBorderlessGrids(runs: readonly TextRun[]): PageGrid[] {
  const lines = groupRuns(runs).map(fieldsOf);
  const grids: PageGrid[] = [];
  let rows: FieldLine[] = [];
  const close = (): void => {
    if (rows.length >= 2 && isTable(rows)) grids.push(gridOf(rows));
    rows = [];
  };
  for (const line of lines) {
    if (line.fields.length < 2) {
      close();
      continue;
    }
    const above = rows.at(-1);
    if (above && !continuesRows(above, line)) close();
    rows.push(line);
  }
  close();
  return grids;
}
