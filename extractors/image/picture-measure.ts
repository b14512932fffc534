/**
 * How large a submitted picture may be, and the resolution it is taken at, in pixels per inch: shared
 * by the decoder for OCR (decode.ts), the image reader (reader.ts) and the desk's drawing of the
 * picture (decode-display.ts, pipeline/serve/page-images.ts), so that they agree.
 */

/** Most pixels decoded: a 50-megapixel photo is more than any phone takes; beyond it is a bomb. */
export const MAX_PICTURE_PIXELS = 50_000_000;

/** An A4 page's long side in inches, for a picture that does not say its resolution. */
const A4_LONG_SIDE_INCHES = 842 / 72;

/**
 * A scanner writes its resolution; a phone writes 72 (meaningless): then the page is taken as A4.
 * `width` and `height` are the picture's, turned upright by its EXIF orientation.
 */
export function pictureDpi(width: number, height: number, density: number | undefined): number {
  return density !== undefined && density >= 100 && density <= 1200
    ? density
    : Math.max(width, height) / A4_LONG_SIDE_INCHES;
}
