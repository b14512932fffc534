/**
 * Whether a page's text lines run across (0°/180°) or down (90°/270°), from layout alone: on a
 * reduced ink mask with long strokes (table rulings) removed, horizontal lines of text leave
 * blank rows between them (the line gap is about half a character high), while the gaps between
 * characters along a line are narrow and do not line up from one line to the next. So the share
 * of blank rows within the text block is high for rows and low for columns on an upright page,
 * and the other way round on a turned one.
 */
import type { GrayImage } from './image.js';

const FACTOR = 4;
const INK = 128;

export interface LineDirection {
  /** True when the text lines run down the page (the page is turned a quarter). */
  vertical: boolean;
  /** Share of blank rows and of blank columns inside the text block. */
  blankRows: number;
  blankColumns: number;
}

export function textLineDirection(image: GrayImage): LineDirection {
  const mask = reducedInk(image);
  removeLongRuns(mask);
  const blankRows = blankShare(mask.rowProfile());
  const blankColumns = blankShare(mask.columnProfile());
  return { vertical: blankColumns > blankRows, blankRows, blankColumns };
}

interface Mask {
  width: number;
  height: number;
  data: Uint8Array;
  rowProfile(): Float64Array;
  columnProfile(): Float64Array;
}

function reducedInk(image: GrayImage): Mask {
  const { width, height, data } = image;
  const w = Math.floor(width / FACTOR);
  const h = Math.floor(height / FACTOR);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let dy = 0; dy < FACTOR; dy++) {
      const row = (y * FACTOR + dy) * width;
      for (let x = 0; x < w; x++) {
        const base = row + x * FACTOR;
        for (let dx = 0; dx < FACTOR; dx++) {
          if (data[base + dx]! < INK) {
            out[y * w + x] = 1;
            break;
          }
        }
      }
    }
  }
  return {
    width: w,
    height: h,
    data: out,
    rowProfile() {
      const p = new Float64Array(h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p[y]! += out[y * w + x]!;
      return p;
    },
    columnProfile() {
      const p = new Float64Array(w);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p[x]! += out[y * w + x]!;
      return p;
    },
  };
}

/** Ink runs longer than a few characters, across or down, are rulings or frames: not text. */
function removeLongRuns(mask: Mask): void {
  const { width: w, height: h, data } = mask;
  const long = Math.max(12, Math.round(Math.min(w, h) / 25));
  const marks = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    let start = -1;
    for (let x = 0; x <= w; x++) {
      const on = x < w && data[y * w + x] === 1;
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - start >= long) for (let k = start; k < x; k++) marks[y * w + k] = 1;
        start = -1;
      }
    }
  }
  for (let x = 0; x < w; x++) {
    let start = -1;
    for (let y = 0; y <= h; y++) {
      const on = y < h && data[y * w + x] === 1;
      if (on && start < 0) start = y;
      if (!on && start >= 0) {
        if (y - start >= long) for (let k = start; k < y; k++) marks[k * w + x] = 1;
        start = -1;
      }
    }
  }
  for (let p = 0; p < data.length; p++) if (marks[p] === 1) data[p] = 0;
}

/** Share of profile entries that are blank (at most 2% of the busiest), between the first and last inked one. */
function blankShare(profile: Float64Array): number {
  let first = -1;
  let last = -1;
  let max = 0;
  for (let i = 0; i < profile.length; i++) {
    if (profile[i]! > 0) {
      if (first < 0) first = i;
      last = i;
    }
    if (profile[i]! > max) max = profile[i]!;
  }
  if (first < 0 || last <= first) return 0;
  let blank = 0;
  for (let i = first; i <= last; i++) if (profile[i]! <= max * 0.02) blank++;
  return blank / (last - first + 1);
}
