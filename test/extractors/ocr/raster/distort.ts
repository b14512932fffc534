/**
 * What scanning and photographing do to a page, done to a clean render in the tests with a fixed
 * seed: turn it by a known angle, lay a red seal over it, add grain and blur (what JPEG and a
 * scanner's optics leave), a black copier frame, a photo's perspective and uneven light.
 * The distortions are the tests' own, so the expected values (angle, seal pixels, rulings) are known.
 */
import type { RgbaImage } from '../../../../extractors/ocr/raster/image.js';
import { homography } from '../../../../extractors/ocr/raster/perspective.js';

/** mulberry32: a small seeded generator, so every run distorts the same way. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleRgba(image: RgbaImage, x: number, y: number, out: number[], fill: number[]): void {
  const { width, height, data } = image;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  if (x0 >= 0 && y0 >= 0 && x0 < width - 1 && y0 < height - 1) {
    const p = (y0 * width + x0) * 4;
    const q = p + width * 4;
    for (let c = 0; c < 3; c++) {
      const top = data[p + c]! + (data[p + 4 + c]! - data[p + c]!) * fx;
      const bottom = data[q + c]! + (data[q + 4 + c]! - data[q + c]!) * fx;
      out[c] = top + (bottom - top) * fy;
    }
    return;
  }
  for (let c = 0; c < 3; c++) {
    const at = (px: number, py: number): number =>
      px < 0 || py < 0 || px >= width || py >= height ? fill[c]! : data[(py * width + px) * 4 + c]!;
    const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
    const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
    out[c] = top * (1 - fy) + bottom * fy;
  }
}

/** The page turned clockwise by `degrees` about its centre, same size, white outside. */
export function rotateRgba(image: RgbaImage, degrees: number): RgbaImage {
  const { width, height } = image;
  const out = new Uint8Array(width * height * 4);
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const px = [0, 0, 0];
  const white = [255, 255, 255];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - width / 2;
      const dy = y + 0.5 - height / 2;
      sampleRgba(image, width / 2 + dx * cos + dy * sin - 0.5, height / 2 - dx * sin + dy * cos - 0.5, px, white);
      const o = (y * width + x) * 4;
      out[o] = px[0]!;
      out[o + 1] = px[1]!;
      out[o + 2] = px[2]!;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** Turned clockwise by quarter turns. */
export function quarterRgba(image: RgbaImage, turns: 1 | 2 | 3): RgbaImage {
  const { width, height } = image;
  const source = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
  const w2 = turns === 2 ? width : height;
  const out = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = source[y * width + x]!;
      if (turns === 1) out[x * w2 + (height - 1 - y)] = v;
      else if (turns === 2) out[(height - 1 - y) * w2 + (width - 1 - x)] = v;
      else out[(width - 1 - x) * w2 + y] = v;
    }
  }
  return { width: w2, height: turns === 2 ? height : width, data: new Uint8Array(out.buffer) };
}

export interface Seal {
  cx: number;
  cy: number;
  radius: number;
}

/**
 * A round red seal: a ring, a star in the middle and an arc of blocky "characters" inside the
 * ring, laid over the page the way ink is (multiplied: print under the ink stays dark).
 * Returns a mask of the pixels the seal covers.
 */
export function stampSeal(image: RgbaImage, seal: Seal, random: () => number, ink = [214, 38, 44]): Uint8Array {
  const { width, height, data } = image;
  const mask = new Uint8Array(width * height);
  const { cx, cy, radius } = seal;
  const ring = radius * 0.06;
  const inside = (x: number, y: number): boolean => {
    const dx = x - cx;
    const dy = y - cy;
    const d = Math.hypot(dx, dy);
    if (d <= radius && d >= radius - ring) return true;
    // A five-pointed star in the middle.
    const angle = Math.atan2(dy, dx) + Math.PI / 2;
    const sector = ((angle % ((2 * Math.PI) / 5)) + (2 * Math.PI) / 5) % ((2 * Math.PI) / 5);
    const star = radius * 0.28 * (0.45 + 0.55 * Math.abs(Math.cos((sector * 5) / 2)));
    if (d <= star) return true;
    // Characters: short bars on an arc inside the ring, every 16°, over the top 200°.
    const arcR = radius * 0.72;
    const theta = Math.atan2(dy, dx);
    const deg = ((theta * 180) / Math.PI + 360) % 360;
    if (deg >= 170 && deg <= 370 - 0 && Math.abs(d - arcR) < radius * 0.12) {
      const slot = (deg - 170) % 16;
      return slot < 9 && (Math.floor(d / 4) % 2 === 0 || slot < 2 || slot > 7);
    }
    if (deg <= 10 && Math.abs(d - arcR) < radius * 0.12) return deg % 16 < 9 && Math.floor(d / 4) % 2 === 0;
    return false;
  };
  const strength = 0.85 + random() * 0.1;
  for (let y = Math.max(0, Math.floor(cy - radius)); y < Math.min(height, Math.ceil(cy + radius)); y++) {
    for (let x = Math.max(0, Math.floor(cx - radius)); x < Math.min(width, Math.ceil(cx + radius)); x++) {
      if (!inside(x, y)) continue;
      // Ink is uneven: some pixels take less of it.
      const take = strength * (0.75 + 0.25 * random());
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = data[o + c]! * (1 - take + (take * ink[c]!) / 255);
      mask[y * width + x] = 1;
    }
  }
  return mask;
}

/** Grain (triangular noise of the given spread), the same on all channels. */
export function addGrain(image: RgbaImage, spread: number, random: () => number): void {
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    const noise = (random() + random() - 1) * spread;
    for (let c = 0; c < 3; c++) {
      const v = data[i + c]! + noise;
      data[i + c] = v < 0 ? 0 : Math.min(v, 255);
    }
  }
}

/** 3×3 box blur (a scanner's optics, JPEG's softening), as two 3-tap passes. */
export function blur(image: RgbaImage): RgbaImage {
  const { width, height, data } = image;
  const across = new Uint16Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    for (let x = 0; x < width; x++) {
      const o = row + x * 4;
      const l = x > 0 ? o - 4 : o;
      const r = x < width - 1 ? o + 4 : o;
      for (let c = 0; c < 3; c++) across[o + c] = data[l + c]! + data[o + c]! + data[r + c]!;
    }
  }
  const out = new Uint8Array(data.length);
  const stride = width * 4;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const up = y > 0 ? row - stride : row;
    const down = y < height - 1 ? row + stride : row;
    for (let i = 0; i < stride; i += 4) {
      for (let c = 0; c < 3; c++)
        out[row + i + c] = (across[up + i + c]! + across[row + i + c]! + across[down + i + c]!) / 9;
      out[row + i + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** A copier's black frame: uneven widths on the four sides, a little noise in the black. */
export function addBorder(image: RgbaImage, sides: [number, number, number, number], random: () => number): void {
  const { width, height, data } = image;
  const [top, right, bottom, left] = sides;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The frame's inner edge wanders a little, as a lid's shadow does.
      const wobble = Math.sin((x + y) / 90) * 3;
      if (y < top + wobble || y >= height - bottom + wobble || x < left + wobble || x >= width - right + wobble) {
        const v = 20 + random() * 40;
        const o = (y * width + x) * 4;
        data[o] = v;
        data[o + 1] = v;
        data[o + 2] = v;
      }
    }
  }
}

/** Colour to gray RGBA (a grayscale scan): luminance on all three channels. */
export function grayscaleRgba(image: RgbaImage): RgbaImage {
  const { data } = image;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const v = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return { width: image.width, height: image.height, data: out };
}

/**
 * A phone photo: the page seen in perspective, its corners at `corners` (clockwise from top
 * left) in a `width`×`height` photo on a dark desk, lit more from one side.
 */
export function photograph(
  page: RgbaImage,
  corners: [number, number][],
  width: number,
  height: number,
  random: () => number,
): RgbaImage {
  // Homography from the photo to the page: solve the page→photo one and invert by solving
  // the photo→page system directly (4 point pairs, 8 unknowns).
  const src = corners;
  const dst: [number, number][] = [
    [0, 0],
    [page.width, 0],
    [page.width, page.height],
    [0, page.height],
  ];
  const [a, b, c, d, e, f, g, h] = homography(src, dst);
  const out = new Uint8Array(width * height * 4);
  const px = [0, 0, 0];
  const desk = [70, 60, 52];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const z = g! * x + h! * y + 1;
      const u = (a! * x + b! * y + c!) / z;
      const v = (d! * x + e! * y + f!) / z;
      const o = (y * width + x) * 4;
      if (u < 0 || v < 0 || u >= page.width || v >= page.height) {
        for (let k = 0; k < 3; k++) out[o + k] = desk[k]! + random() * 10;
      } else {
        sampleRgba(page, u - 0.5, v - 0.5, px, [255, 255, 255]);
        // Light falls off from the top left corner to 70% at the far side.
        const light = 1 - (0.3 * (x / width + y / height)) / 2;
        for (let k = 0; k < 3; k++) out[o + k] = px[k]! * light * (k === 2 ? 0.96 : 1);
      }
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}
