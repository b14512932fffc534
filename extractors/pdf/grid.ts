/**
 * Ruling lines → table grids. Rules that touch form one table; their positions, clustered, are the
 * row and column boundaries; a cell boundary whose rule is missing means a merged cell (rowSpan
 * when a horizontal rule is absent within a column, colSpan when a vertical one is absent).
 */
import { type Box, extent, type HorizontalRule, type Rulings, type VerticalRule } from './geometry.js';

/** A cell of a page table in grid units: top-left position and spans. */
export interface GridRegion {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

export interface PageGrid {
  /** Column boundaries, left to right (columns + 1 values). */
  xs: number[];
  /** Row boundaries, top to bottom (rows + 1 values). */
  ys: number[];
  /** Every grid position belongs to exactly one region. */
  regions: GridRegion[];
  box: Box;
  /** Per column: whether a rule closes the last row at the table's bottom edge. */
  closedBottom: boolean[];
  /** Regions had to be squared off because missing rules outlined a non-rectangular cell. */
  irregular: boolean;
  /** Rebuilt from text alignment (a table drawn without rules), not from ruling lines. */
  borderless: boolean;
}

/** Boundaries closer than this (points) are one boundary: no real row or column is this thin. */
const BOUNDARY_TOLERANCE = 3;
/** How far (points) a rule may stop short of another and still touch it. */
const TOUCH_TOLERANCE = 2.5;
/** Share of a cell side a rule must cover for that side to count as ruled. */
const COVERAGE = 0.6;

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Clusters sorted-able positions; returns the cluster centres and each input's cluster index. */
function cluster(values: number[]): { centres: number[]; indexOf: (value: number) => number } {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const value of sorted) {
    const last = groups.at(-1);
    if (last && value - last.at(-1)! <= BOUNDARY_TOLERANCE) last.push(value);
    else groups.push([value]);
  }
  const centres = groups.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
  const indexOf = (value: number): number => {
    let best = 0;
    for (let i = 1; i < centres.length; i++) {
      if (Math.abs(centres[i]! - value) < Math.abs(centres[best]! - value)) best = i;
    }
    return best;
  };
  return { centres, indexOf };
}

function touches(h: HorizontalRule, v: VerticalRule): boolean {
  return (
    v.x >= h.x1 - TOUCH_TOLERANCE &&
    v.x <= h.x2 + TOUCH_TOLERANCE &&
    h.y >= v.y1 - TOUCH_TOLERANCE &&
    h.y <= v.y2 + TOUCH_TOLERANCE
  );
}

/** Groups rules into connected sets (each a candidate table). */
function connectedSets(rulings: Rulings): Rulings[] {
  const { horizontal, vertical } = rulings;
  const uf = new UnionFind(horizontal.length + vertical.length);
  // Vertical rules sorted by x let each horizontal rule visit only those within its span.
  const order = vertical.map((_, i) => i).sort((a, b) => vertical[a]!.x - vertical[b]!.x);
  const xs = order.map((i) => vertical[i]!.x);
  horizontal.forEach((h, hi) => {
    let lo = 0;
    let hi2 = xs.length;
    while (lo < hi2) {
      const mid = (lo + hi2) >> 1;
      if (xs[mid]! < h.x1 - TOUCH_TOLERANCE) lo = mid + 1;
      else hi2 = mid;
    }
    for (let k = lo; k < xs.length && xs[k]! <= h.x2 + TOUCH_TOLERANCE; k++) {
      const vi = order[k]!;
      if (touches(h, vertical[vi]!)) uf.union(hi, horizontal.length + vi);
    }
  });
  const sets = new Map<number, Rulings>();
  const setOf = (i: number): Rulings => {
    const root = uf.find(i);
    let set = sets.get(root);
    if (!set) {
      set = { horizontal: [], vertical: [] };
      sets.set(root, set);
    }
    return set;
  };
  horizontal.forEach((h, i) => {
    setOf(i).horizontal.push(h);
  });
  vertical.forEach((v, i) => {
    setOf(horizontal.length + i).vertical.push(v);
  });
  return [...sets.values()];
}

function covered(spans: [number, number][], from: number, to: number): boolean {
  const length = to - from;
  if (length <= 0) return true;
  let total = 0;
  for (const [a, b] of spans) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
  return total >= COVERAGE * length;
}

function gridOf(set: Rulings): PageGrid | null {
  const { horizontal, vertical } = set;
  if (horizontal.length < 2 || vertical.length < 2) return null;
  // The outermost extents count as boundaries too, so tables without side or top rules still close.
  const left = extent(horizontal.map((h) => h.x1)).min;
  const right = extent(horizontal.map((h) => h.x2)).max;
  const top = extent(vertical.map((v) => v.y1)).min;
  const bottom = extent(vertical.map((v) => v.y2)).max;
  const columns = cluster([...vertical.map((v) => v.x), left, right]);
  const rows = cluster([...horizontal.map((h) => h.y), top, bottom]);
  const xs = columns.centres;
  const ys = rows.centres;
  const columnCount = xs.length - 1;
  const rowCount = ys.length - 1;
  if (columnCount < 1 || rowCount < 1 || columnCount * rowCount < 2) return null;

  const verticalAt: [number, number][][] = xs.map(() => []);
  for (const v of vertical) verticalAt[columns.indexOf(v.x)]!.push([v.y1, v.y2]);
  const horizontalAt: [number, number][][] = ys.map(() => []);
  for (const h of horizontal) horizontalAt[rows.indexOf(h.y)]!.push([h.x1, h.x2]);

  const uf = new UnionFind(rowCount * columnCount);
  const id = (r: number, c: number): number => r * columnCount + c;
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < columnCount; c++) {
      if (c + 1 < columnCount && !covered(verticalAt[c + 1]!, ys[r]!, ys[r + 1]!)) uf.union(id(r, c), id(r, c + 1));
      if (r + 1 < rowCount && !covered(horizontalAt[r + 1]!, xs[c]!, xs[c + 1]!)) uf.union(id(r, c), id(r + 1, c));
    }
  }
  // Each union is squared off to its bounding rectangle; overlaps (a non-rectangular outline of
  // missing rules) are resolved in favour of the region met first in reading order.
  const bounds = new Map<number, { r1: number; c1: number; r2: number; c2: number; size: number }>();
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < columnCount; c++) {
      const root = uf.find(id(r, c));
      const b = bounds.get(root);
      if (!b) bounds.set(root, { r1: r, c1: c, r2: r, c2: c, size: 1 });
      else {
        b.r1 = Math.min(b.r1, r);
        b.c1 = Math.min(b.c1, c);
        b.r2 = Math.max(b.r2, r);
        b.c2 = Math.max(b.c2, c);
        b.size++;
      }
    }
  }
  let irregular = false;
  const taken = new Array<boolean>(rowCount * columnCount).fill(false);
  const regions: GridRegion[] = [];
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < columnCount; c++) {
      if (taken[id(r, c)]) continue;
      const b = bounds.get(uf.find(id(r, c)))!;
      if (b.size !== (b.r2 - b.r1 + 1) * (b.c2 - b.c1 + 1) || b.r1 !== r || b.c1 !== c) irregular = true;
      // Grow from (r, c) over the rectangle's free positions only.
      let c2 = c;
      while (c2 + 1 <= b.c2 && !taken[id(r, c2 + 1)] && uf.find(id(r, c2 + 1)) === uf.find(id(r, c))) c2++;
      let r2 = r;
      const rowFree = (rr: number): boolean => {
        for (let cc = c; cc <= c2; cc++) {
          if (taken[id(rr, cc)] || uf.find(id(rr, cc)) !== uf.find(id(r, c))) return false;
        }
        return true;
      };
      while (r2 + 1 <= b.r2 && rowFree(r2 + 1)) r2++;
      for (let rr = r; rr <= r2; rr++) for (let cc = c; cc <= c2; cc++) taken[id(rr, cc)] = true;
      regions.push({ row: r, column: c, rowSpan: r2 - r + 1, colSpan: c2 - c + 1 });
    }
  }
  const closedBottom = xs.slice(0, -1).map((x, c) => covered(horizontalAt[rowCount]!, x, xs[c + 1]!));
  return {
    xs,
    ys,
    regions,
    box: { left: xs[0]!, top: ys[0]!, right: xs[columnCount]!, bottom: ys[rowCount]! },
    closedBottom,
    irregular,
    borderless: false,
  };
}

/** Finds the ruled tables among a page's (merged) rulings, top to bottom. */
export function findGrids(rulings: Rulings): PageGrid[] {
  const grids: PageGrid[] = [];
  for (const set of connectedSets(rulings)) {
    const grid = gridOf(set);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
}
