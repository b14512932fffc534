/** Messages between page-images.ts and its worker thread (page-image-worker.ts). */
import type { ReadLimits } from '../../extractors/model/limits.js';
import type { OcrPageRecord } from '../../extractors/ocr/ocr-page.js';

export type OcrFrame = NonNullable<OcrPageRecord['frame']>;

export type PageImageRequest = PdfPageRequest | PicturePageRequest;

export interface PdfPageRequest {
  readonly id: number;
  /** The archived original (a path the store gave, never one from a request). */
  readonly file: string;
  /** 1-based. */
  readonly page: number;
  readonly dpi: number;
  readonly limits: ReadLimits;
  /** A page read by OCR: drawn in the frame its OCR boxes stand in (upright, straight), at `dpi`. */
  readonly frame?: OcrFrame;
}

/**
 * A photo or picture page, decoded upright and already scaled to the desk's resolution (decoding
 * stays out of the worker thread: pipeline/serve/page-images.ts); drawn in `frame`, whose quad is in
 * this image's pixels, as OCR read the picture.
 */
export interface PicturePageRequest {
  readonly id: number;
  readonly picture: { readonly width: number; readonly height: number; readonly rgb: Uint8Array };
  readonly frame: OcrFrame;
  /** The size drawn: the frame's full size scaled to the desk's resolution (reframing the scaled picture is off by a pixel or so). */
  readonly size: { readonly width: number; readonly height: number };
}

export type PageImageReply =
  | { readonly id: number; readonly png: Uint8Array }
  /** PDFium would leave these fonts' glyphs out (not embedded, no system fonts in WASM): draw it with poppler. */
  | { readonly id: number; readonly unembeddedFonts: readonly string[] }
  | { readonly id: number; readonly error: string };
