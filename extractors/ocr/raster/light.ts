/**
 * Uneven light (a phone photo lit from one side, a scan darker at the spine) flattened: the paper
 * brightness is estimated on a coarse grid (a high percentile per block, closed over neighbouring
 * blocks so that a dense text block or a thick bar is not taken for paper), and every pixel is
 * divided by it. Paper becomes white everywhere; ink keeps its contrast to the paper around it.
 */
import type { GrayImage } from './image.js';

const BLOCK = 32;
/** Paper brightness of a block: this quantile of its pixels (text rarely covers 15% of a block). */
const PAPER_QUANTILE = 0.85;
/** A block darker than this is taken as no paper at all (a photo, a black page): left as it is. */
const MIN_PAPER = 40;

export function flattenLight(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const gw = Math.ceil(width / BLOCK);
  const gh = Math.ceil(height / BLOCK);
  const paper = new Float32Array(gw * gh);
  const histogram = new Uint32Array(256 * gw);
  const blockBase = new Int32Array(width);
  for (let x = 0; x < width; x++) blockBase[x] = ((x / BLOCK) | 0) * 256;
  for (let by = 0; by < gh; by++) {
    histogram.fill(0);
    const y1 = Math.min(height, (by + 1) * BLOCK);
    for (let y = by * BLOCK; y < y1; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) histogram[blockBase[x]! + data[row + x]!]!++;
    }
    for (let bx = 0; bx < gw; bx++) {
      const count = (Math.min(width, (bx + 1) * BLOCK) - bx * BLOCK) * (y1 - by * BLOCK);
      let above = count * (1 - PAPER_QUANTILE);
      let level = 255;
      for (; level > 0; level--) {
        above -= histogram[bx * 256 + level]!;
        if (above <= 0) break;
      }
      paper[by * gw + bx] = level;
    }
  }
  const closed = smooth(dilate(dilate(paper, gw, gh), gw, gh), gw, gh);
  const out = new Uint8Array(width * height);
  const rowPaper = new Float32Array(gw);
  // Per column: the grid column to its left and the weight of the one to its right.
  const left = new Int32Array(width);
  const weight = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const gx = Math.min(gw - 1, Math.max(0, (x + 0.5) / BLOCK - 0.5));
    left[x] = Math.max(0, Math.min(gw - 2, gx | 0));
    weight[x] = gx - left[x]!;
  }
  // A grid one block wide has nothing to the right: repeat its column.
  const paddedRow = new Float32Array(gw + 1);
  for (let y = 0; y < height; y++) {
    // Bilinear between block centres: first down the grid for this row, then along it.
    const gy = Math.min(gh - 1, Math.max(0, (y + 0.5) / BLOCK - 0.5));
    const g0 = Math.floor(gy);
    const g1 = Math.min(gh - 1, g0 + 1);
    const fy = gy - g0;
    for (let bx = 0; bx < gw; bx++) {
      rowPaper[bx] = closed[g0 * gw + bx]! * (1 - fy) + closed[g1 * gw + bx]! * fy;
    }
    paddedRow.set(rowPaper);
    paddedRow[gw] = rowPaper[gw - 1]!;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const b0 = left[x]!;
      const fx = weight[x]!;
      let p = paddedRow[b0]! + (paddedRow[b0 + 1]! - paddedRow[b0]!) * fx;
      if (p < MIN_PAPER) p = 255;
      const v = (data[row + x]! * 255) / p;
      out[row + x] = Math.min(v, 255);
    }
  }
  return { width, height, data: out };
}

/** 3×3 maximum on the block grid. */
function dilate(grid: Float32Array, gw: number, gh: number): Float32Array {
  const out = new Float32Array(grid.length);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= gh) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= gw) continue;
          const v = grid[yy * gw + xx]!;
          if (v > m) m = v;
        }
      }
      out[y * gw + x] = m;
    }
  }
  return out;
}

/** 3×3 mean on the block grid. */
function smooth(grid: Float32Array, gw: number, gh: number): Float32Array {
  const out = new Float32Array(grid.length);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= gh) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= gw) continue;
          sum += grid[yy * gw + xx]!;
          n++;
        }
      }
      out[y * gw + x] = sum / n;
    }
  }
  return out;
}
