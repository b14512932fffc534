/**
 * A page's operator list → its ruling lines: stroked horizontal/vertical segments (LibreOffice and
 * most exporters), the edges of stroked rectangles, and thin filled rectangles (Word and WPS draw
 * cell borders that way). Collinear pieces are merged so that a rule missing inside a table (a
 * merged cell) shows as a gap.
 */
import { type Matrix, multiply, type Rulings } from './geometry.js';
import { pdfjs } from './load.js';
import { addSegment, addThinFill } from './ruling-shapes.js';

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

export { mergeRulings, RULE_MERGE_TOLERANCE } from './ruling-shapes.js';
