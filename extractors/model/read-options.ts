/** What a reading may use beyond the bytes and the limits: the OCR cache of the store. */
import type { OcrCache } from '../ocr/ocr-page.js';

export interface ReadOptions {
  /** Where OCR results of earlier runs are kept (the store's); pages found there are not recognised again. */
  readonly ocrCache?: OcrCache;
  /** The file's sha256 (hex), the key of `ocrCache`; without it nothing is cached. */
  readonly sha256?: string;
  /**
   * Waits for this file's turn at the OCR engine (the pipeline lets one file at a time recognise, so that
   * its pages have every core); called before a page is rendered for recognition, never for a cached page.
   */
  readonly ocrTurn?: () => Promise<void>;
}

/**
 * The cache with the key it files pages under, or none without both. (The pipeline learns of each OCR
 * page through the cache's own calls: one more page's time for the file, and the page counter.)
 */
export function keyedOcrCache(options: ReadOptions): { cache: OcrCache; sha256: string } | undefined {
  return options.ocrCache && options.sha256 ? { cache: options.ocrCache, sha256: options.sha256 } : undefined;
}
