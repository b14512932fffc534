/**
 * A page image made ready for recognition: turned upright, deskewed, the red seal suppressed, as
 * gray; and the ruling lines of its tables found in the raster.
 *
 * INTERIM (session 10): only the colour-to-gray step is real here; deskew, quarter-turn detection,
 * seal suppression, perspective and ruling detection land with the raster work of issue #14, which
 * keeps these signatures.
 */
import type { GrayImage, RgbaImage } from './image.js';

export interface PreparedPage {
  /** The page upright, deskewed and with the seal suppressed. */
  gray: GrayImage;
  /**
   * Clockwise quarter turn applied to bring text lines horizontal. Layout alone cannot tell 0 from
   * 180 (or 90 from 270): the recogniser decides that by trying `rotateQuarter(gray, 2)`.
   */
  rotation: 0 | 90 | 180 | 270;
  /** Skew corrected, in degrees (positive: the scan was turned clockwise). */
  skewDegrees: number;
  /** What was done, in Chinese, for the extraction notes (「第2页倾斜1.2°，已校正」). */
  notes: string[];
}

/** Ruling lines of the prepared image, in its pixels. */
export interface PixelRulings {
  horizontal: { y: number; x1: number; x2: number }[];
  vertical: { x: number; y1: number; y2: number }[];
}

/** Luminance, 0 = black … 255 = white. */
export function toGray(image: RgbaImage): GrayImage {
  const { width, height, data } = image;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < gray.length; i += 4, p++) {
    gray[p] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
  }
  return { width, height, data: gray };
}

export function preparePage(image: RgbaImage, page = 1): PreparedPage {
  void page;
  return { gray: toGray(image), rotation: 0, skewDegrees: 0, notes: [] };
}

/** Turns the image clockwise by `turns` quarter turns. */
export function rotateQuarter(image: GrayImage, turns: 0 | 1 | 2 | 3): GrayImage {
  const { width, height, data } = image;
  if (turns === 0) return image;
  const out = new Uint8Array(width * height);
  const w2 = turns === 2 ? width : height;
  const h2 = turns === 2 ? height : width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      let nx: number;
      let ny: number;
      if (turns === 1) {
        nx = height - 1 - y;
        ny = x;
      } else if (turns === 2) {
        nx = width - 1 - x;
        ny = height - 1 - y;
      } else {
        nx = y;
        ny = width - 1 - x;
      }
      out[ny * w2 + nx] = v;
    }
  }
  return { width: w2, height: h2, data: out };
}

export function findRulings(gray: GrayImage): PixelRulings {
  void gray;
  return { horizontal: [], vertical: [] };
}
