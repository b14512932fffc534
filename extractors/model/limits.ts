/** Limits that keep one hostile or broken file from exhausting the machine (all configurable). */
export interface ReadLimits {
  /** Largest file accepted, in bytes. @default 50 MiB */
  readonly maxFileBytes: number;
  /** Largest total uncompressed size of a DOCX's zip entries, and of a PDF's large compressed streams, in bytes. @default 200 MiB */
  readonly maxUncompressedBytes: number;
  /** Largest ratio of uncompressed to compressed size of one zip entry or one large PDF stream. @default 200 */
  readonly maxCompressionRatio: number;
  /** Most zip entries in a DOCX. @default 2000 */
  readonly maxZipEntries: number;
  /** Most pages in a PDF. @default 500 */
  readonly maxPages: number;
  /** Wall-clock time for one file, in milliseconds (enforced by the pipeline, which stops the worker). @default 60000 */
  readonly timeoutMs: number;
  /**
   * The engine that reads PDFs (config `pdf.engine`, not a limit, but it travels with the limits to
   * the workers): 'pdfium' or 'pdfjs'. @default 'pdfium'
   */
  readonly pdfEngine?: 'pdfium' | 'pdfjs';
  /** Most pages of one file read by OCR (scans and photos); more is `too-large`. @default 30 */
  readonly maxOcrPages: number;
  /** Time allowed per page read by OCR, added to `timeoutMs` for each such page. @default 20000 */
  readonly ocrPageTimeoutMs: number;
  /**
   * A figure read by OCR below this confidence (0–1) is listed under 提取提示 as 「请对照原件核对」,
   * and a finding resting on it is marked 「识别存疑」 (config `ocr.minConfidence`, not a limit). @default 0.85
   */
  readonly ocrMinConfidence?: number;
}

export const defaultReadLimits: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxZipEntries: 2000,
  maxPages: 500,
  timeoutMs: 60_000,
  maxOcrPages: 30,
  ocrPageTimeoutMs: 20_000,
};
