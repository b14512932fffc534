/**
 * Skew of a scan (a page laid a little crooked on the glass) measured by projection profiles:
 * the ink pixels are projected along each candidate angle and the angle whose row histogram is
 * sharpest (largest sum of squares: text lines and rulings fall into few rows) wins. A coarse
 * sweep over ±3.2°, a fine one around the best, and a parabola through the fine peak.
 * The page is then turned back with bilinear interpolation onto white.
 */
import type { GrayImage } from './image.js';
import { sampleBilinear } from './perspective.js';

const MAX_SKEW = 3.2;
const COARSE_STEP = 0.1;
const FINE_STEP = 0.01;
/** Ink for the profile: darker than this. */
const INK = 128;
/** At most this many ink pixels go into the profiles (an even sample of them beyond). */
const MAX_POINTS = 200_000;
/** The coarse sweep uses every this-many-th point. */
const COARSE_SAMPLE = 4;

/**
 * Skew in degrees, positive when the content is turned clockwise (a line's right end lower), or 0
 * when the page has too little ink to tell.
 */
export function estimateSkew(image: GrayImage): number {
  const { width, height, data } = image;
  let ink = 0;
  for (let p = 0; p < data.length; p++) if (data[p]! < INK) ink++;
  // Too little ink to tell, or more ink than paper (a black page, a photo): no text lines to follow.
  if (ink < 200 || ink > data.length / 2) return 0;
  const stride = Math.max(1, Math.ceil(ink / MAX_POINTS));
  const count = Math.floor(ink / stride) + 1;
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  let n = 0;
  let seen = 0;
  const cx = width / 2;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! >= INK) continue;
      if (seen++ % stride !== 0 || n >= count) continue;
      xs[n] = x - cx;
      ys[n] = y;
      n++;
    }
  }
  const margin = Math.ceil(width * Math.tan((MAX_SKEW * Math.PI) / 180)) + 2;
  const histogram = new Int32Array(height + 2 * margin);
  const score = (degrees: number, every = 1): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    histogram.fill(0);
    for (let i = 0; i < n; i += every) histogram[(ys[i]! - xs[i]! * t + margin + 0.5) | 0]!++;
    let sum = 0;
    for (let i = 0; i < histogram.length; i++) sum += histogram[i]! * histogram[i]!;
    return sum;
  };
  let best = 0;
  let bestScore = -1;
  // The coarse sweep needs only a sample of the points: its peak is a few steps wide.
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += COARSE_STEP) {
    const s = score(a, COARSE_SAMPLE);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  const coarse = best;
  const fine: { a: number; s: number }[] = [];
  for (let a = coarse - COARSE_STEP; a <= coarse + COARSE_STEP + 1e-9; a += FINE_STEP) {
    fine.push({ a, s: score(a) });
  }
  let k = 0;
  for (let i = 1; i < fine.length; i++) if (fine[i]!.s > fine[k]!.s) k = i;
  let angle = fine[k]!.a;
  if (k > 0 && k < fine.length - 1) {
    const s0 = fine[k - 1]!.s;
    const s1 = fine[k]!.s;
    const s2 = fine[k + 1]!.s;
    const denominator = s0 - 2 * s1 + s2;
    if (denominator < 0) angle += (FINE_STEP * 0.5 * (s0 - s2)) / denominator;
  }
  return Math.round(angle * 1000) / 1000;
}

/**
 * The image turned by `degrees` about its centre (positive: clockwise), same size, white where
 * no source pixel falls. Pass minus the measured skew to straighten a page.
 */
export function rotateDegrees(image: GrayImage, degrees: number): GrayImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height);
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - cy;
    // Output (x, y) comes from the source point turned back by `degrees`.
    const dx0 = 0.5 - cx;
    let sx = cx + dx0 * cos + dy * sin - 0.5;
    let sy = cy - dx0 * sin + dy * cos - 0.5;
    const row = y * width;
    for (let x = 0; x < width; x++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 >= 0 && y0 >= 0 && x0 < width - 1 && y0 < height - 1) {
        // Inside: bilinear inline (this loop runs for every pixel of the page).
        const fx = sx - x0;
        const fy = sy - y0;
        const p = y0 * width + x0;
        const a = data[p]!;
        const b = data[p + 1]!;
        const c = data[p + width]!;
        const d = data[p + width + 1]!;
        const top = a + (b - a) * fx;
        out[row + x] = top + (c + (d - c) * fx - top) * fy + 0.5;
      } else {
        out[row + x] = sampleBilinear(data, width, height, sx, sy);
      }
    }
  }
  return { width, height, data: out };
}
