/**
 * What OCR makes of one page image, in the PDF reader's own page space (points, top-left origin,
 * y down: extractors/pdf/geometry.ts), so that a scanned page goes through the same lines, grids,
 * tables and paragraphs as a born-digital one, and the same report parser after that.
 * This record is also what the store caches per file sha256 and page (`OcrCache`), so that a
 * re-check after a rule or config change does not recognise the pages again.
 */
import type { Rulings } from '../pdf/geometry.js';
import type { PageFrame } from './raster/prepare.js';

/** One recognised piece of text: a horizontal run on one baseline, with its recognition confidence. */
export interface OcrTextBox {
  text: string;
  /** Left edge, in points. */
  x: number;
  /** Baseline, in points from the top. */
  y: number;
  width: number;
  /** Text height (em), in points. */
  size: number;
  /** Recognition confidence, 0–1: the mean of the characters'. */
  confidence: number;
  /** Each character's recognition probability, one per code point of `text` (engine revision r3 on). */
  characters?: number[];
  /**
   * Where the recogniser hesitated: at code point `at` of `text` it gave `text` probability `p` too,
   * or (`skipped`) it read nothing just before `at` where it gave `text` probability `p`.
   */
  doubts?: { at: number; text: string; p: number; skipped?: true }[];
}

export interface OcrPageRecord {
  /** Engine and model versions; part of the cache key, so a model upgrade reads the pages again. */
  engine: string;
  /** Page size in points, after the page was turned upright. */
  width: number;
  height: number;
  boxes: OcrTextBox[];
  /** Ruling lines found in the raster, in points. */
  rulings: Rulings;
  /** What was done to the image (turned, deskewed, seal suppressed), in Chinese, for the extraction notes. */
  notes: string[];
  /**
   * The geometric steps from the rendered page (at `dpi`) to the frame the boxes stand in, so that the
   * desk can draw the page as it was read. Absent in records cached before it was kept.
   */
  frame?: PageFrame & { dpi: number };
}

/** Where OCR results are kept between runs (the store implements it; none in unit tests). */
export interface OcrCache {
  get(sha256: string, page: number, engine: string): Promise<OcrPageRecord | undefined>;
  put(sha256: string, page: number, engine: string, record: OcrPageRecord): Promise<void>;
}
