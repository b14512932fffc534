/**
 * A JPEG or PNG decoded by sharp (libvips) to RGBA, turned as its EXIF orientation says. Runs only in
 * the OCR child process (ocr/engine/ocr-child.ts): libvips in a worker thread that the pool stops
 * can take the whole program down, a child process cannot.
 */
import sharp from 'sharp';
import { MAX_PICTURE_PIXELS } from './picture-measure.js';

export { MAX_PICTURE_PIXELS };

export type DecodedPicture =
  | {
      ok: true;
      width: number;
      height: number;
      data: Uint8Array;
      /** Dots per inch the file states, if any. */
      density: number | undefined;
      /** EXIF orientation (1 = as stored). */
      orientation: number;
    }
  | { ok: false; reason: 'too-large' | 'corrupt'; width?: number; height?: number };

sharp.cache(false);

export async function decodePicture(bytes: Uint8Array): Promise<DecodedPicture> {
  const input = sharp(bytes, { limitInputPixels: MAX_PICTURE_PIXELS, failOn: 'truncated' });
  try {
    const metadata = await input.metadata();
    const { width = 0, height = 0 } = metadata;
    if (width * height > MAX_PICTURE_PIXELS) return { ok: false, reason: 'too-large', width, height };
    // rotate() without an angle turns the picture as its EXIF orientation says.
    const { data, info } = await input.rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      density: metadata.density,
      orientation: metadata.orientation ?? 1,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: /pixel limit/i.test(message) ? 'too-large' : 'corrupt' };
  }
}
