/**
 * The seed submission (fixtures/source/pingdeng-2023-self-assessment.txt) as the document model a
 * reader gives for its Word original: narrative lines as paragraph blocks, the caption as a
 * paragraph, and the scoring table as a 12-column grid with the header spans and the vertical
 * merges of the real document (an empty indicator cell in the seed continues the one above it;
 * the 扣分项 label spans columns 0–2; the total label spans columns 0–9). Also builds small
 * hand-made models for parser tests (`modelOf`, `tableOf`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  Block,
  DocumentModel,
  GridCell,
  ParagraphBlock,
  TableBlock,
} from '../../extractors/model/document-model.js';
import { parseSeedText } from '../../fixtures/seed-text.js';

export const seedTextPath = fileURLToPath(
  new URL('../../fixtures/source/pingdeng-2023-self-assessment.txt', import.meta.url),
);

/** A cell placed in the grid: its top-left position, spans and text. */
export interface PlacedCell {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

const WIDTH = 12;
const INDICATOR_COLUMNS = 3;

function placeRows(rows: string[][]): PlacedCell[] {
  const placed: PlacedCell[] = [];
  const [header0, header1, ...body] = rows;
  if (!header0 || !header1) throw new Error('seed table without its two header rows');
  // Header row 0: 绩效指标 over the indicator columns, 评价方式/评价属性 over two columns each, the rest down both rows.
  const header0Spans: [number, number][] = [
    [1, 3],
    [2, 1],
    [2, 1],
    [2, 1],
    [1, 2],
    [1, 2],
    [2, 1],
    [2, 1],
  ];
  let column = 0;
  header0.forEach((text, i) => {
    const [rowSpan, colSpan] = header0Spans[i]!;
    placed.push({ row: 0, column, rowSpan, colSpan, text });
    column += colSpan;
  });
  for (const c of [0, 1, 2, 6, 7, 8, 9]) placed.push({ row: 1, column: c, rowSpan: 1, colSpan: 1, text: header1[c]! });

  const lastInColumn: (PlacedCell | null)[] = Array.from({ length: WIDTH }, () => null);
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length === WIDTH) {
      cells.forEach((text, c) => {
        const above = lastInColumn[c];
        if (c < INDICATOR_COLUMNS && text.trim() === '' && above) {
          above.rowSpan++;
          return;
        }
        const cell = { row, column: c, rowSpan: 1, colSpan: 1, text };
        placed.push(cell);
        lastInColumn[c] = cell;
      });
    } else {
      // The 扣分项 row spans the indicator columns; the total row spans everything before 自评打分.
      const firstSpan = WIDTH - cells.length + 1 - (cells.length === 2 ? 1 : 0);
      let c = 0;
      cells.forEach((text, k) => {
        const colSpan = k === 0 ? firstSpan : 1;
        placed.push({ row, column: c, rowSpan: 1, colSpan, text });
        c += colSpan;
      });
      for (; c < WIDTH; c++) placed.push({ row, column: c, rowSpan: 1, colSpan: 1, text: '' });
      lastInColumn.fill(null);
    }
  });
  return placed;
}

/** Resolves placed cells into the reader's grid: every position filled, merged positions pointing at their origin. */
export function gridOf(placed: readonly PlacedCell[], rowCount: number, width = WIDTH): GridCell[][] {
  const grid: (GridCell | undefined)[][] = Array.from({ length: rowCount }, () => Array(width).fill(undefined));
  for (const cell of placed) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.column; c < cell.column + cell.colSpan; c++) {
        grid[r]![c] = {
          text: cell.text,
          rowSpan: cell.rowSpan,
          colSpan: cell.colSpan,
          merged: r !== cell.row || c !== cell.column,
          origin: { row: cell.row, column: cell.column },
        };
      }
    }
  }
  return grid.map((row, r) =>
    row.map((cell, c) => {
      if (!cell) throw new Error(`grid position ${r},${c} left empty`);
      return cell;
    }),
  );
}

export function seedModel(text = readFileSync(seedTextPath, 'utf8')): DocumentModel {
  const seed = parseSeedText(text);
  const lines = seed.caption === null ? seed.paragraphs : [...seed.paragraphs, seed.caption];
  const paragraphs: ParagraphBlock[] = lines.map((line, paragraph) => ({
    kind: 'paragraph',
    text: line,
    location: { page: null, paragraph },
    headingLevel: null,
  }));
  const table: TableBlock = {
    kind: 'table',
    index: 0,
    page: null,
    rows: gridOf(placeRows(seed.rows), seed.rows.length),
    rowPages: null,
  };
  return { format: 'docx', blocks: [...paragraphs, table], pageCount: null, problems: [] };
}

/** A cell of a hand-built row: its text, or `{ text, colSpan }`, or `'^'` to continue the cell above. */
export type CellSpec = string | { text: string; colSpan: number };

export function tableOf(rows: CellSpec[][], index = 0): TableBlock {
  const placed: PlacedCell[] = [];
  const byPosition = new Map<string, PlacedCell>();
  let width = 0;
  rows.forEach((row, r) => {
    let column = 0;
    for (const spec of row) {
      if (spec === '^') {
        const above = byPosition.get(`${r - 1}:${column}`)!;
        above.rowSpan++;
        byPosition.set(`${r}:${column}`, above);
        column += above.colSpan;
        continue;
      }
      const cell: PlacedCell =
        typeof spec === 'string'
          ? { row: r, column, rowSpan: 1, colSpan: 1, text: spec }
          : { row: r, column, rowSpan: 1, colSpan: spec.colSpan, text: spec.text };
      placed.push(cell);
      for (let c = column; c < column + cell.colSpan; c++) byPosition.set(`${r}:${c}`, cell);
      column += cell.colSpan;
    }
    width = Math.max(width, column);
  });
  return { kind: 'table', index, page: null, rows: gridOf(placed, rows.length, width), rowPages: null };
}

export function modelOf(
  paragraphs: string[],
  tables: TableBlock[] = [],
  format: 'docx' | 'pdf' = 'docx',
): DocumentModel {
  const blocks: Block[] = paragraphs.map(
    (text, paragraph): ParagraphBlock => ({
      kind: 'paragraph',
      text,
      location: { page: format === 'pdf' ? 1 : null, paragraph },
      headingLevel: null,
    }),
  );
  return { format, blocks: [...blocks, ...tables], pageCount: format === 'pdf' ? 1 : null, problems: [] };
}
