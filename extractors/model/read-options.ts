/** What a reading may use beyond the bytes and the limits: the OCR cache of the store. */
import type { OcrCache } from '../ocr/ocr-page.js';

export interface ReadOptions {
  /** Where OCR results of earlier runs are kept (the store's); pages found there are not recognised again. */
  readonly ocrCache?: OcrCache;
  /** The file's sha256 (hex), the key of `ocrCache`; without it nothing is cached. */
  readonly sha256?: string;
  /**
   * Called before each page is read by OCR (`page` of the pages to read, 1-based, and how many there
   * are), so that the pipeline can give the file more time and show progress by page.
   */
  readonly onOcrPage?: (page: number, pages: number) => void;
}
