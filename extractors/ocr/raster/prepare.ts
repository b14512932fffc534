/**
 * A page image made ready for recognition, in this order: colour to gray with the red seal lifted
 * out (seal.ts); a phone photo's page found against its background and its perspective undone
 * (perspective.ts); a copier's black frame whitened (border.ts); uneven light flattened
 * (light.ts); a page turned a quarter turned back (orientation.ts); the skew measured and
 * straightened (deskew.ts). The ruling lines of its tables are found afterwards, on the prepared
 * image (pixel-rulings.ts). Pure functions on pixel buffers: no I/O, no engine.
 */
import { whitenBorder } from './border.js';
import { estimateSkew, rotateDegrees } from './deskew.js';
import type { GrayImage, RgbaImage } from './image.js';
import { flattenLight } from './light.js';
import { textLineDirection } from './orientation.js';
import { findPageQuad, type Quad, warpedSize, warpQuad } from './perspective.js';
import { findPixelRulings } from './pixel-rulings.js';
import { grayWithoutSeal } from './seal.js';

export { binarize } from './binarize.js';

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
  /** The geometric steps taken, to draw the page again as it was recognised (`reframe`). */
  frame: PageFrame;
}

/**
 * How a page image became the upright, straight frame its OCR boxes stand in: the photographed page
 * inside `quad` (pixels of the image as rendered or decoded) flattened, a quarter turn clockwise, the
 * skew undone, then half a turn when the recogniser found it upside down. Plain data: it is kept
 * with the page's OCR record in the store.
 */
export interface PageFrame {
  quad: Quad | null;
  quarterTurn: boolean;
  skewDegrees: number;
  upsideDown: boolean;
}

/** Ruling lines of the prepared image, in its pixels. */
export interface PixelRulings {
  horizontal: { y: number; x1: number; x2: number }[];
  vertical: { x: number; y1: number; y2: number }[];
}

/** Skews smaller than this are left alone (a turn by less moves no pixel by more than ~1.5 px). */
const MIN_SKEW_CORRECTED = 0.05;
/** Skews from this up are worth a note to the reviewer. */
const MIN_SKEW_NOTED = 0.1;

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
  const notes: string[] = [];
  const colour = grayWithoutSeal(image);
  let gray = colour.gray;
  if (colour.sealRemoved) notes.push(`第${page}页已去除红色印章`);
  const quad = findPageQuad(gray);
  const frame: PageFrame = { quad: null, quarterTurn: false, skewDegrees: 0, upsideDown: false };
  if (quad?.perspective) {
    frame.quad = quad.quad;
    gray = warpQuad(gray, quad.quad);
    notes.push(`第${page}页为拍摄件，已校正透视`);
  }
  whitenBorder(gray);
  gray = flattenLight(gray);
  let rotation: 0 | 90 = 0;
  if (textLineDirection(gray).vertical) {
    gray = rotateQuarter(gray, 1);
    rotation = 90;
    frame.quarterTurn = true;
    notes.push(`第${page}页旋转90°`);
  }
  const skew = estimateSkew(gray);
  let skewDegrees = 0;
  if (Math.abs(skew) >= MIN_SKEW_CORRECTED) {
    gray = rotateDegrees(gray, -skew);
    skewDegrees = skew;
    frame.skewDegrees = skew;
    if (Math.abs(skew) >= MIN_SKEW_NOTED) notes.push(`第${page}页倾斜${Math.abs(skew).toFixed(1)}°，已校正`);
  }
  return { gray, rotation, skewDegrees, notes, frame };
}

/**
 * One plane of a page image (a colour channel, or gray) taken through the geometric steps of `frame`,
 * as preparePage and the recogniser took the page: the same pixels the OCR boxes stand on, without the
 * gray-level steps (seal, light, border), so that the desk can show the page as it looks, upright.
 */
export function reframe(image: GrayImage, frame: PageFrame): GrayImage {
  let out = frame.quad ? warpQuad(image, frame.quad) : image;
  if (frame.quarterTurn) out = rotateQuarter(out, 1);
  if (Math.abs(frame.skewDegrees) >= MIN_SKEW_CORRECTED) out = rotateDegrees(out, -frame.skewDegrees);
  if (frame.upsideDown) out = rotateQuarter(out, 2);
  return out;
}

/** The size `reframe` gives an image of `width` × `height` (a skew turn keeps the size, a quarter turn swaps it). */
export function reframedSize(width: number, height: number, frame: PageFrame): { width: number; height: number } {
  const size = frame.quad ? warpedSize(frame.quad) : { width, height };
  return frame.quarterTurn ? { width: size.height, height: size.width } : size;
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
  return findPixelRulings(gray);
}
