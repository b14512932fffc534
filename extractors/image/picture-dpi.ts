/**
 * The resolution a picture is taken at, in pixels per inch: what the image reader recognises it at
 * (reader.ts) and what the desk draws it by (pipeline/serve/page-images.ts), so that the two agree.
 */

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
