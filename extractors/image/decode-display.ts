/**
 * A submitted JPEG or PNG decoded for showing on the desk, not for reading: turned as its EXIF
 * orientation says (as decode.ts turns it for OCR, so that the OCR frame's pixels are these) and
 * scaled by libvips while decoding, so that a 50-megapixel photo never lies in memory whole. Runs in
 * the desk's main thread (sharp's own threads do the work), never in a worker thread that is stopped.
 */
import sharp from 'sharp';
import { MAX_PICTURE_PIXELS } from './picture-measure.js';

export interface DisplayPicture {
  /** The picture upright, scaled: RGB, 3 bytes a pixel, rows top to bottom. */
  width: number;
  height: number;
  data: Uint8Array;
  /** The picture's own size, upright (the pixels OCR read it in). */
  fullWidth: number;
  fullHeight: number;
  /** The scale asked for (the size drawn is rounded to whole pixels). */
  scale: number;
}

/**
 * Decodes `bytes` upright and scaled by `scaleOf(width, height, density)` of its upright size (its
 * stated dots per inch, if any). Throws for a picture beyond the decoder's limits or one that cannot
 * be decoded (the archive holds only pictures the check decoded, so either is unexpected here).
 */
export async function decodePictureForDisplay(
  bytes: Uint8Array,
  scaleOf: (width: number, height: number, density: number | undefined) => number,
  maxPixels: number,
): Promise<DisplayPicture> {
  const input = sharp(bytes, { limitInputPixels: MAX_PICTURE_PIXELS, failOn: 'truncated' });
  const metadata = await input.metadata();
  const fullWidth = metadata.autoOrient.width;
  const fullHeight = metadata.autoOrient.height;
  const scale = scaleOf(fullWidth, fullHeight, metadata.density);
  const width = Math.max(1, Math.round(fullWidth * scale));
  const height = Math.max(1, Math.round(fullHeight * scale));
  if (width * height > maxPixels) throw new RangeError(`picture would be ${width}×${height} px drawn`);
  // rotate() without an angle turns the picture as its EXIF orientation says; alpha is dropped as OCR ignores it.
  const { data, info } = await input
    .rotate()
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== width || info.height !== height) {
    throw new Error(`picture decoded as ${info.width}×${info.height}×${info.channels}`);
  }
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.length);
  return { width, height, data: pixels, fullWidth, fullHeight, scale };
}
