/**
 * Whether a page's text lines run across (0°/180°) or down (90°/270°), from layout alone. Along
 * a line of text the gap from one character to the next is small (a tenth to a quarter of a
 * character); between lines it is half a character or more. So closing gaps of about a quarter
 * character along the rows joins each text line into one piece, while closing them down the
 * columns leaves the characters apart: on an upright page far fewer pieces remain after the
 * row-wise closing than after the column-wise one, and the other way round on a turned page.
 * Long strokes (table rulings, frames) are removed first, since they join everything either way.
 *
 * Measured on 200 dpi renders of the fixtures (prose pages, the scoring table as Word, WPS and
 * Chromium lay it out, the forms): pieces down ÷ pieces across = 2.9–4.8 upright, so 0.2–0.35 turned.
 */
import type { GrayImage } from './image.js';

/** The mask is reduced by this factor (ink where any pixel of the block is ink). */
const FACTOR = 2;
const INK = 128;
/** Gap closed, in full-resolution pixels at 200 dpi: a quarter of a 10.5 pt character. */
const CLOSE_GAP = 8;
/** Ink runs this long (full resolution, 200 dpi) are rulings, not text. */
const LONG_RUN = 100;

export interface LineDirection {
  /** True when the text lines run down the page (the page is turned a quarter). */
  vertical: boolean;
  /** Pieces left after closing gaps along the rows, and down the columns. */
  piecesAcross: number;
  piecesDown: number;
}

export function textLineDirection(image: GrayImage): LineDirection {
  const scale = Math.min(3, Math.max(0.4, Math.min(image.width, image.height) / 1654));
  const { width, height, data } = reducedInk(image);
  removeLongRuns(data, width, height, Math.round((LONG_RUN * scale) / FACTOR));
  const gap = Math.max(2, Math.round((CLOSE_GAP * scale) / FACTOR));
  const piecesAcross = countPieces(closeGaps(data, width, height, gap, true), width);
  const piecesDown = countPieces(closeGaps(data, width, height, gap, false), width);
  return { vertical: piecesDown < piecesAcross, piecesAcross, piecesDown };
}

function reducedInk(image: GrayImage): { width: number; height: number; data: Uint8Array } {
  const { width, height, data } = image;
  const w = Math.floor(width / FACTOR);
  const h = Math.floor(height / FACTOR);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let dy = 0; dy < FACTOR; dy++) {
      const row = (y * FACTOR + dy) * width;
      for (let x = 0; x < w; x++) {
        if (out[y * w + x] === 1) continue;
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
  return { width: w, height: h, data: out };
}

function removeLongRuns(data: Uint8Array, w: number, h: number, long: number): void {
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

/** A copy with background gaps of at most `gap` pixels between ink filled, along rows or columns. */
function closeGaps(data: Uint8Array, w: number, h: number, gap: number, alongRows: boolean): Uint8Array {
  const out = data.slice();
  const lines = alongRows ? h : w;
  const length = alongRows ? w : h;
  const stepAlong = alongRows ? 1 : w;
  const stepLine = alongRows ? w : 1;
  for (let line = 0; line < lines; line++) {
    const base = line * stepLine;
    let last = -1;
    for (let i = 0; i < length; i++) {
      if (data[base + i * stepAlong] !== 1) continue;
      if (last >= 0 && i - last > 1 && i - last <= gap + 1) {
        for (let k = last + 1; k < i; k++) out[base + k * stepAlong] = 1;
      }
      last = i;
    }
  }
  return out;
}

/** Connected pieces of ink (4-connected). */
function countPieces(mask: Uint8Array, width: number): number {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  let pieces = 0;
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || seen[start] === 1) continue;
    pieces++;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      if (x > 0 && mask[p - 1] === 1 && seen[p - 1] === 0) {
        seen[p - 1] = 1;
        stack[top++] = p - 1;
      }
      if (x < width - 1 && mask[p + 1] === 1 && seen[p + 1] === 0) {
        seen[p + 1] = 1;
        stack[top++] = p + 1;
      }
      if (p >= width && mask[p - width] === 1 && seen[p - width] === 0) {
        seen[p - width] = 1;
        stack[top++] = p - width;
      }
      if (p + width < mask.length && mask[p + width] === 1 && seen[p + width] === 0) {
        seen[p + width] = 1;
        stack[top++] = p + width;
      }
    }
  }
  return pieces;
}
