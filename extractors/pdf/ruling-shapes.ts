/**
 * The part of ruling detection that does not depend on the PDF engine: which segments and filled
 * rectangles count as rules, and merging collinear pieces. Both backends (pdf.js operator lists,
 * PDFium page objects) feed their page-space path points through these.
 */
import type { HorizontalRule, Rulings, VerticalRule } from './geometry.js';

/** A filled rectangle thinner than this (points) is a rule, not a shaded area. */
const THIN_FILL = 2.5;
/** Deviation (points) under which a segment counts as exactly horizontal or vertical. */
const AXIS_TOLERANCE = 0.6;

export function addSegment(
  rulings: Rulings,
  [x1, y1]: [number, number],
  [x2, y2]: [number, number],
  minLength: number,
): void {
  if (Math.abs(y1 - y2) <= AXIS_TOLERANCE && Math.abs(x1 - x2) >= minLength) {
    rulings.horizontal.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
  } else if (Math.abs(x1 - x2) <= AXIS_TOLERANCE && Math.abs(y1 - y2) >= minLength) {
    rulings.vertical.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
  }
}

export function addThinFill(rulings: Rulings, points: [number, number][]): void {
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const [x, y] of points) {
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  }
  // Only axis-aligned rectangles: every vertex on the bounding box's corners.
  const onCorner = points.every(
    ([x, y]) =>
      (Math.abs(x - left) <= AXIS_TOLERANCE || Math.abs(x - right) <= AXIS_TOLERANCE) &&
      (Math.abs(y - top) <= AXIS_TOLERANCE || Math.abs(y - bottom) <= AXIS_TOLERANCE),
  );
  if (!onCorner) return;
  const width = right - left;
  const height = bottom - top;
  if (height <= THIN_FILL && width >= 2 * height && width >= 1) {
    rulings.horizontal.push({ y: (top + bottom) / 2, x1: left, x2: right });
  } else if (width <= THIN_FILL && height >= 2 * width && height >= 1) {
    rulings.vertical.push({ x: (left + right) / 2, y1: top, y2: bottom });
  }
}

/** Rules closer than this (points) across their direction are the same rule. */
export const RULE_MERGE_TOLERANCE = 1.5;

/** Merges overlapping or touching collinear rules; gaps wider than the tolerance stay gaps. */
export function mergeRulings(rulings: Rulings): Rulings {
  const horizontal = mergeAxis(
    rulings.horizontal.map((h) => ({ at: h.y, from: h.x1, to: h.x2 })),
    (at, from, to): HorizontalRule => ({ y: at, x1: from, x2: to }),
  );
  const vertical = mergeAxis(
    rulings.vertical.map((v) => ({ at: v.x, from: v.y1, to: v.y2 })),
    (at, from, to): VerticalRule => ({ x: at, y1: from, y2: to }),
  );
  return { horizontal, vertical };
}

function mergeAxis<T>(
  pieces: { at: number; from: number; to: number }[],
  make: (at: number, from: number, to: number) => T,
): T[] {
  pieces.sort((a, b) => a.at - b.at);
  const result: T[] = [];
  // Group by position across the rule (clusters of nearly equal `at`), then merge along it.
  for (let start = 0; start < pieces.length; ) {
    let end = start + 1;
    while (end < pieces.length && pieces[end]!.at - pieces[end - 1]!.at <= RULE_MERGE_TOLERANCE) end++;
    const group = pieces.slice(start, end).sort((a, b) => a.from - b.from);
    const at = group.reduce((sum, p) => sum + p.at, 0) / group.length;
    let from = group[0]!.from;
    let to = group[0]!.to;
    for (const piece of group.slice(1)) {
      if (piece.from <= to + RULE_MERGE_TOLERANCE) {
        to = Math.max(to, piece.to);
      } else {
        result.push(make(at, from, to));
        from = piece.from;
        to = piece.to;
      }
    }
    result.push(make(at, from, to));
    start = end;
  }
  return result;
}
