/**
 * Black and white for a recogniser that wants it (the prepared page stays gray): Sauvola's
 * adaptive threshold, t = m · (1 + k · (s / R − 1)) over a window around each pixel, with the
 * window's mean and deviation from integral images. It keeps thin light strokes on white paper
 * and does not flood a shaded cell, where one global threshold does one or the other.
 */
import type { GrayImage } from './image.js';

export interface BinarizeOptions {
  /** Window side in pixels (odd). @default 31 (about one character at 200 dpi) */
  readonly window?: number;
  /** @default 0.2 */
  readonly k?: number;
}

/** 0 (ink) or 255 (paper) per pixel. */
export function binarize(image: GrayImage, options: BinarizeOptions = {}): GrayImage {
  const { width, height, data } = image;
  const half = Math.max(1, Math.floor((options.window ?? 31) / 2));
  const k = options.k ?? 0.2;
  const range = 128;
  const w1 = width + 1;
  const sum = new Float64Array(w1 * (height + 1));
  const squares = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    let rowSquares = 0;
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      rowSum += v;
      rowSquares += v * v;
      const at = (y + 1) * w1 + x + 1;
      sum[at] = sum[at - w1]! + rowSum;
      squares[at] = squares[at - w1]! + rowSquares;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const top = Math.max(0, y - half);
    const bottom = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const left = Math.max(0, x - half);
      const right = Math.min(width, x + half + 1);
      const n = (bottom - top) * (right - left);
      const a = top * w1 + left;
      const b = top * w1 + right;
      const c = bottom * w1 + left;
      const d = bottom * w1 + right;
      const mean = (sum[d]! - sum[b]! - sum[c]! + sum[a]!) / n;
      const variance = (squares[d]! - squares[b]! - squares[c]! + squares[a]!) / n - mean * mean;
      const deviation = variance > 0 ? Math.sqrt(variance) : 0;
      const threshold = mean * (1 + k * (deviation / range - 1));
      out[y * width + x] = data[y * width + x]! <= threshold ? 0 : 255;
    }
  }
  return { width, height, data: out };
}
