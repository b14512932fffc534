/**
 * Page grids + text runs → page tables: each run goes to the grid cell containing it (a run that
 * pdf.js glued across a cell border is cut at its spaces first), and each cell's lines are joined
 * back into its text. Runs outside every grid are returned for the paragraph builder.
 */
import type { Box, TextLine, TextRun } from './geometry.js';
import { extent, runCenter } from './geometry.js';
import type { GridRegion, PageGrid } from './grid.js';
import { buildLines, wrapSeparator } from './lines.js';

export interface PageTableCell extends GridRegion {
  text: string;
  /** Outline of the cell on the page. */
  box: Box;
  lines: TextLine[];
}

export interface PageTable {
  page: number;
  grid: PageGrid;
  /** One per region of the grid, in the grid's region order (reading order of top-left corners). */
  cells: PageTableCell[];
}

/** A line shorter than the cell's text width by more than this many ems ends a paragraph in the cell. */
const SHORT_LINE_EMS = 1.5;
/** A line ending short of the cell's text width by this share of it ends a paragraph in the cell. */
const FAR_SHORT_SHARE = 0.4;
const unbreakableEnd = /[A-Za-z0-9.,%～~\-/（(]$/;
const unbreakableStart = /^[A-Za-z0-9]/;
const sentenceEnd = /[。！？；;!?：:]$/;
const listMarker =
  /^(\d{1,2}[.、．)）](?!\d)|[（(]\d{1,2}[）)]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[①-⑳])/;

function locate(boundaries: number[], value: number): number {
  // Index i with boundaries[i] <= value < boundaries[i + 1], clamped to the grid.
  let lo = 0;
  let hi = boundaries.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (boundaries[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const charEms = (ch: string): number => (/[\x20-\x7E]/.test(ch) ? 0.5 : 1);

/**
 * Cuts a run at the spaces nearest to the column boundaries it crosses. Character positions are
 * estimated (full width for CJK, half for ASCII), which is enough to find the space between cells.
 */
function splitAcross(run: TextRun, boundaries: number[]): TextRun[] {
  const inner = boundaries.filter((x) => x > run.x + run.size * 0.3 && x < run.x + run.width - run.size * 0.3);
  if (inner.length === 0 || !run.text.includes(' ')) return [run];
  const chars = [...run.text];
  const total = chars.reduce((sum, ch) => sum + charEms(ch), 0);
  const scale = total > 0 ? run.width / total : 0;
  const starts: number[] = [];
  let at = run.x;
  for (const ch of chars) {
    starts.push(at);
    at += charEms(ch) * scale;
  }
  const cuts = new Set<number>();
  for (const boundary of inner) {
    let best = -1;
    chars.forEach((ch, i) => {
      if (ch === ' ' && (best < 0 || Math.abs(starts[i]! - boundary) < Math.abs(starts[best]! - boundary))) best = i;
    });
    if (best >= 0) cuts.add(best);
  }
  const pieces: TextRun[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(chars.length)) {
    const text = chars.slice(from, cut).join('');
    if (text.trim() !== '') {
      const x = starts[from]!;
      const end = cut < chars.length ? starts[cut]! : run.x + run.width;
      pieces.push({ ...run, text: text.trim(), x, width: end - x });
    }
    from = cut + 1;
  }
  return pieces;
}

function contains(box: Box, x: number, y: number): boolean {
  return x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1;
}

/** Joins a cell's lines: wrapped lines run on, a short line closing a sentence or a list item starts a new one. */
export function joinCellLines(lines: TextLine[], box: Box): string {
  if (lines.length === 0) return '';
  let text = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    text += cellLineSeparator(text, lines[i - 1]!, lines[i]!.text, lines, box) + lines[i]!.text;
  }
  return text;
}

/**
 * What goes between a cell line and the next text: '\n' when the line ends a paragraph (short of
 * the cell's text width and closing a sentence, or followed by a list item, or far short), else the
 * wrap separator. `lines` and `box` are the cell's lines and outline on the line's page.
 */
export function cellLineSeparator(text: string, previous: TextLine, next: string, lines: TextLine[], box: Box): string {
  const padding = Math.max(0, extent(lines.map((l) => l.left)).min - box.left);
  const textRight = box.right - padding;
  const shortBy = textRight - previous.right;
  const short = shortBy > SHORT_LINE_EMS * previous.size;
  // Far short of the width, and not a number or word too long to fit pushed down: a paragraph end.
  const farShort =
    shortBy > FAR_SHORT_SHARE * (textRight - box.left - padding) &&
    !unbreakableEnd.test(previous.text) &&
    !unbreakableStart.test(next);
  const newParagraph = short && (sentenceEnd.test(previous.text) || listMarker.test(next) || farShort);
  return newParagraph ? '\n' : wrapSeparator(text, next);
}

export function buildPageTables(
  page: number,
  grids: PageGrid[],
  runs: readonly TextRun[],
): { tables: PageTable[]; outside: TextRun[] } {
  const outside: TextRun[] = [];
  const perGrid: TextRun[][][] = grids.map((g) => g.regions.map(() => []));
  const positionMaps = grids.map((grid) => {
    const columns = grid.xs.length - 1;
    const map = new Int32Array((grid.ys.length - 1) * columns);
    grid.regions.forEach((region, index) => {
      for (let r = region.row; r < region.row + region.rowSpan; r++) {
        for (let c = region.column; c < region.column + region.colSpan; c++) map[r * columns + c] = index;
      }
    });
    return map;
  });
  for (const run of runs) {
    const center = runCenter(run);
    const g = grids.findIndex((grid) => contains(grid.box, center.x, center.y));
    if (g < 0) {
      outside.push(run);
      continue;
    }
    const grid = grids[g]!;
    const columns = grid.xs.length - 1;
    const map = positionMaps[g]!;
    // Only borders between different cells of this row can have glued two cells' texts together.
    const row0 = locate(grid.ys, center.y);
    const borders = grid.xs.filter(
      (_, k) => k > 0 && k < columns && map[row0 * columns + k - 1] !== map[row0 * columns + k],
    );
    for (const piece of splitAcross(run, borders)) {
      const p = runCenter(piece);
      const column = locate(grid.xs, p.x);
      const row = locate(grid.ys, p.y);
      perGrid[g]![map[row * columns + column]!]!.push(piece);
    }
  }
  const tables = grids.map((grid, g) => ({
    page,
    grid,
    cells: grid.regions.map((region, index) => {
      const box: Box = {
        left: grid.xs[region.column]!,
        right: grid.xs[region.column + region.colSpan]!,
        top: grid.ys[region.row]!,
        bottom: grid.ys[region.row + region.rowSpan]!,
      };
      const lines = buildLines(perGrid[g]![index]!);
      return { ...region, box, lines, text: joinCellLines(lines, box) };
    }),
  }));
  return { tables, outside };
}
