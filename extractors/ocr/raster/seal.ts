/**
 * Colour to gray for recognition, with the red seal (印章) taken out. A stamp is red or orange ink
 * laid over black print: in the red channel the ink is nearly as light as the paper while black
 * print under it stays dark, which is what the recogniser needs (issue #14: a red seal wipes out
 * the text line under it unless the red channel is used). Blue and green stamps are not used on
 * these reports and are left as they are.
 */
import type { GrayImage, RgbaImage } from './image.js';

/** A pixel is red ink when red exceeds both green and blue by this much (0–255) ... */
const RED_INK_CHROMA = 60;
/** ... and is at least this bright in red (dark brown and black are not seal ink). */
const RED_INK_MIN_RED = 120;
/**
 * A page has a seal when red ink covers at least this share of it. A 4 cm seal ring alone is
 * ~0.2% of an A4 page; a few red-pen ticks or a red page number stay below 0.02%.
 */
const SEAL_MIN_SHARE = 0.0005;

export interface SealGray {
  gray: GrayImage;
  /** Whether red ink was found and lifted out. */
  sealRemoved: boolean;
  /** Share of the page that is red ink (0–1). */
  redShare: number;
}

/** Luminance, or the red channel with red ink lifted to paper white when the page carries a seal. */
export function grayWithoutSeal(image: RgbaImage): SealGray {
  const { width, height, data } = image;
  const size = width * height;
  let red = 0;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (r >= RED_INK_MIN_RED && r - Math.max(g, b) >= RED_INK_CHROMA) red++;
  }
  const redShare = size === 0 ? 0 : red / size;
  const gray = new Uint8Array(size);
  if (redShare < SEAL_MIN_SHARE) {
    for (let i = 0, p = 0; p < size; i += 4, p++) {
      gray[p] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    }
    return { gray: { width, height, data: gray }, sealRemoved: false, redShare };
  }
  /*
   * The red channel, plus a lift by how much redder than green/blue the pixel is, weighted by
   * (red/255)²: seal ink (220, 50, 50) goes to white, orange ink too, while black print under the
   * ink (60, 15, 15) barely moves. Neutral pixels keep their red value (≈ their luminance).
   */
  for (let i = 0, p = 0; p < size; i += 4, p++) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const chroma = r - Math.max(g, b);
    const value = chroma > 0 ? r + (chroma * r * r * 2) / 65025 : r;
    gray[p] = Math.min(value, 255);
  }
  return { gray: { width, height, data: gray }, sealRemoved: true, redShare };
}
