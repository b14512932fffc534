/**
 * A page's operator list → its ruling lines: stroked horizontal/vertical segments (LibreOffice and
 * most exporters), the edges of stroked rectangles, and thin filled rectangles (Word and WPS draw
 * cell borders that way). Collinear pieces are merged so that a rule missing inside a table (a
 * merged cell) shows as a gap.
 */
import type { HorizontalRule, Rulings, VerticalRule } from './geometry.js';
import { pdfjs } from './load.js';

type Matrix = number[];

const { OPS } = pdfjs;
// Path drawing opcodes inside constructPath's Float32Array (pdf.js 5 `DrawOPS`).
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const CLOSE_PATH = 3;

const strokingOps = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const fillingOps = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);

/** A filled rectangle thinner than this (points) is a rule, not a shaded area. */
const THIN_FILL = 2.5;
/** Deviation (points) under which a segment counts as exactly horizontal or vertical. */
const AXIS_TOLERANCE = 0.6;

function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0]! * m2[0]! + m1[2]! * m2[1]!,
    m1[1]! * m2[0]! + m1[3]! * m2[1]!,
    m1[0]! * m2[2]! + m1[2]! * m2[3]!,
    m1[1]! * m2[2]! + m1[3]! * m2[3]!,
    m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
    m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
  ];
}

function isWhite(color: unknown): boolean {
  return typeof color === 'string' && color.toLowerCase() === '#ffffff';
}

interface GraphicsState {
  ctm: Matrix;
  strokeWhite: boolean;
  fillWhite: boolean;
}

/** Points of each subpath, in page space; null marks a subpath containing curves. */
function subpaths(path: ArrayLike<number>, m: Matrix): { points: [number, number][]; curved: boolean }[] {
  const result: { points: [number, number][]; curved: boolean }[] = [];
  let current: { points: [number, number][]; curved: boolean } | null = null;
  const point = (x: number, y: number): [number, number] => [
    m[0]! * x + m[2]! * y + m[4]!,
    m[1]! * x + m[3]! * y + m[5]!,
  ];
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    if (op === MOVE_TO) {
      current = { points: [point(path[i]!, path[i + 1]!)], curved: false };
      result.push(current);
      i += 2;
    } else if (op === LINE_TO) {
      const p = point(path[i]!, path[i + 1]!);
      if (current) current.points.push(p);
      else {
        current = { points: [p], curved: false };
        result.push(current);
      }
      i += 2;
    } else if (op === CURVE_TO) {
      if (current) {
        current.curved = true;
        current.points.push(point(path[i + 4]!, path[i + 5]!));
      }
      i += 6;
    } else if (op === CLOSE_PATH) {
      if (current && current.points.length > 1) current.points.push(current.points[0]!);
      current = null;
    } else {
      break; // unknown opcode: the rest cannot be decoded safely
    }
  }
  return result;
}

function addSegment(rulings: Rulings, [x1, y1]: [number, number], [x2, y2]: [number, number], minLength: number): void {
  if (Math.abs(y1 - y2) <= AXIS_TOLERANCE && Math.abs(x1 - x2) >= minLength) {
    rulings.horizontal.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
  } else if (Math.abs(x1 - x2) <= AXIS_TOLERANCE && Math.abs(y1 - y2) >= minLength) {
    rulings.vertical.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
  }
}

function addThinFill(rulings: Rulings, points: [number, number][]): void {
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

/** Collects the ruling lines drawn by an operator list (raw, not merged). */
export function collectRulings(
  operatorList: { fnArray: number[]; argsArray: unknown[] },
  viewportTransform: number[],
): Rulings {
  const rulings: Rulings = { horizontal: [], vertical: [] };
  const stack: GraphicsState[] = [];
  let state: GraphicsState = { ctm: [1, 0, 0, 1, 0, 0], strokeWhite: false, fillWhite: false };
  const { fnArray, argsArray } = operatorList;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        if (args && args.length === 6) state.ctm = multiply(state.ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...state });
        const matrix = args?.[0];
        if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) {
          const values = Array.from(matrix as ArrayLike<number>);
          if (values.length === 6) state.ctm = multiply(state.ctm, values);
        }
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setStrokeRGBColor:
        state.strokeWhite = isWhite(args?.[0]);
        break;
      case OPS.setFillRGBColor:
        state.fillWhite = isWhite(args?.[0]);
        break;
      case OPS.constructPath: {
        const paintOp = args?.[0] as number;
        const path = (args?.[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
        if (!path || path.length === 0) break;
        const stroke = strokingOps.has(paintOp) && !state.strokeWhite;
        const fill = fillingOps.has(paintOp) && !state.fillWhite;
        if (!stroke && !fill) break;
        const m = multiply(viewportTransform, state.ctm);
        for (const sub of subpaths(path, m)) {
          if (stroke && !sub.curved) {
            for (let k = 1; k < sub.points.length; k++) addSegment(rulings, sub.points[k - 1]!, sub.points[k]!, 1);
          }
          if (fill && !sub.curved && sub.points.length >= 2) addThinFill(rulings, sub.points);
        }
        break;
      }
    }
  }
  return rulings;
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
