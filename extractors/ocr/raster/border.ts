/**
 * A copier border (the black frame a copier lid or a photo background leaves around the page)
 * whitened: every dark pixel connected to the image edge through a dark region thick both ways is
 * set to white, so that the frame is taken neither for ruling lines nor for text. Print is thin (or
 * keeps a margin from the edge), so nothing the unit wrote is lost, even where a photo cuts
 * through a table and its rulings run into the edge.
 */
import type { GrayImage } from './image.js';

/** Darker than this is border (the frame is black; print this dark does not reach the edge). */
const BORDER_DARK = 110;
/** Whiten only when at most this share of the page is border: more is a dark page, not a frame. */
const MAX_BORDER_SHARE = 0.35;

/**
 * A frame is dark this many pixels across both ways (a 200 dpi copier or desk margin is tens);
 * ruling lines (1–6 px) and strokes are thin one way. A photo that cuts through a table has its
 * rulings run into the edge: those must stay, or the table's grid is lost (issue #14, the close-up
 * photo of the basic-data form).
 */
const FRAME_THICKNESS = 10;

/** For each pixel, whether the dark run through it is at least FRAME_THICKNESS long both across and down. */
function thickDark(data: Uint8Array, width: number, height: number): Uint8Array {
  const across = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let start = 0;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && data[y * width + x]! < BORDER_DARK;
      if (dark) continue;
      if (x - start >= FRAME_THICKNESS) across.fill(1, y * width + start, y * width + x);
      start = x + 1;
    }
  }
  const both = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    let start = 0;
    for (let y = 0; y <= height; y++) {
      const dark = y < height && data[y * width + x]! < BORDER_DARK;
      if (dark) continue;
      if (y - start >= FRAME_THICKNESS) {
        for (let k = start; k < y; k++) both[k * width + x] = across[k * width + x]!;
      }
      start = y + 1;
    }
  }
  return both;
}

/** Whitens the dark frame in place; returns how many pixels were whitened (0 if none or refused). */
export function whitenBorder(image: GrayImage): number {
  const { width, height, data } = image;
  const size = width * height;
  if (size === 0) return 0;
  const thick = thickDark(data, width, height);
  const mark = new Uint8Array(size);
  let stack = new Int32Array(4096);
  let top = 0;
  const push = (p: number): void => {
    if (mark[p] !== 0 || thick[p] === 0) return;
    mark[p] = 1;
    if (top === stack.length) {
      const grown = new Int32Array(stack.length * 2);
      grown.set(stack);
      stack = grown;
    }
    stack[top++] = p;
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  let count = 0;
  while (top > 0) {
    const p = stack[--top]!;
    count++;
    const x = p % width;
    if (x > 0) push(p - 1);
    if (x < width - 1) push(p + 1);
    if (p >= width) push(p - width);
    if (p < size - width) push(p + width);
  }
  if (count === 0 || count > size * MAX_BORDER_SHARE) return 0;
  /*
   * The frame's inner edge is a soft gray ramp (scanner blur, JPEG): whiten a few pixels beyond
   * the marked region too, or a thin gray line stays where the frame was.
   */
  for (let pass = 0; pass < 3; pass++) {
    for (let p = 0; p < size; p++) {
      if (mark[p] !== 1) continue;
      const x = p % width;
      if (x > 0 && mark[p - 1] === 0 && data[p - 1]! < 200) mark[p - 1] = 2;
      if (x < width - 1 && mark[p + 1] === 0 && data[p + 1]! < 200) mark[p + 1] = 2;
      if (p >= width && mark[p - width] === 0 && data[p - width]! < 200) mark[p - width] = 2;
      if (p < size - width && mark[p + width] === 0 && data[p + width]! < 200) mark[p + width] = 2;
    }
    for (let p = 0; p < size; p++) if (mark[p] === 2) mark[p] = 1;
  }
  for (let p = 0; p < size; p++) if (mark[p] === 1) data[p] = 255;
  return count;
}
