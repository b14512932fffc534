/** Raster images as the OCR steps pass them around: rows top to bottom, no padding. */

/** 4 bytes a pixel, R G B A (the shape of a rendered PDF page, extractors/pdf/backend.ts RenderedPage). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** 1 byte a pixel, 0 = black … 255 = white. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}
