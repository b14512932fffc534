/**
 * Shapes shared by the PDF reader's steps. All coordinates are in page space at scale 1 with the
 * origin at the top-left corner and y growing downwards (pdf.js viewport space), in points.
 */

/** One piece of text as pdf.js placed it: a horizontal run in one font at one baseline. */
export interface TextRun {
  text: string;
  /** Left edge. */
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size (em height) on the page. */
  size: number;
  fontName: string;
  /** Recognition confidence (0–1) of text read by OCR; absent for a text layer. */
  confidence?: number;
}

/** A horizontal ruling line (table border) at `y` from `x1` to `x2`. */
export interface HorizontalRule {
  y: number;
  x1: number;
  x2: number;
}

/** A vertical ruling line at `x` from `y1` (top) to `y2` (bottom). */
export interface VerticalRule {
  x: number;
  y1: number;
  y2: number;
}

export interface Rulings {
  horizontal: HorizontalRule[];
  vertical: VerticalRule[];
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A line of text: runs on one baseline, ordered by x, joined. */
export interface TextLine {
  text: string;
  left: number;
  right: number;
  /** Baseline of the line (the runs' baselines averaged by length). */
  y: number;
  /** Largest font size on the line. */
  size: number;
  /** Lowest recognition confidence of the line's runs, when they were read by OCR. */
  confidence?: number;
}

/** Lowest confidence among items read by OCR; undefined when none was. */
export function lowestConfidence(items: Iterable<{ confidence?: number }>): number | undefined {
  let lowest: number | undefined;
  for (const item of items) {
    if (item.confidence !== undefined && (lowest === undefined || item.confidence < lowest)) lowest = item.confidence;
  }
  return lowest;
}

/** Middle of a run's glyph box: used to decide which table cell a run falls into. */
export function runCenter(run: TextRun): { x: number; y: number } {
  return { x: run.x + run.width / 2, y: run.y - run.size * 0.35 };
}

/** Smallest and largest of a non-empty list, without spreading it into arguments (lists may be long). */
export function extent(values: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A PDF transformation matrix [a, b, c, d, e, f]. */
export type Matrix = readonly number[];

/** m1 × m2 as PDF composes transformations (apply m1, then m2): what pdf.js's Util.transform does. */
export function multiply(m1: Matrix, m2: Matrix): number[] {
  return [
    m1[0]! * m2[0]! + m1[2]! * m2[1]!,
    m1[1]! * m2[0]! + m1[3]! * m2[1]!,
    m1[0]! * m2[2]! + m1[2]! * m2[3]!,
    m1[1]! * m2[2]! + m1[3]! * m2[3]!,
    m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
    m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
  ];
}
