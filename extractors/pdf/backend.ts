/**
 * What the PDF reader needs from a PDF engine, and nothing more: the page count, each page's size
 * (CropBox within MediaBox, /Rotate applied: the top-left, y-down page space of geometry.ts), its
 * positioned text runs with font sizes, its raw ruling lines (paths, including those inside form
 * XObjects), and page rendering to a bitmap (for OCR). Two engines implement it: PDFium (WASM,
 * the default) and pdf.js. Everything above it — lines, grids, tables, paragraphs — is shared.
 */
import type { ReadLimits } from '../model/limits.js';
import type { Rulings } from './geometry.js';
import type { PageTextRuns } from './text-runs.js';

export const pdfEngines = ['pdfium', 'pdfjs'] as const;
export type PdfEngine = (typeof pdfEngines)[number];
/** Measured in bench/ (`npm run bench`): PDFium reads the bench corpus several times faster. */
export const defaultPdfEngine: PdfEngine = 'pdfium';

export interface PdfPageSource {
  /** Page size in points after /Rotate, as the reader lays the page out. */
  readonly width: number;
  readonly height: number;
  readonly text: PageTextRuns;
  /** The page's ruling lines, raw (not merged); throws when the page's drawing cannot be read. */
  rulings(): Promise<Rulings>;
  /** Frees the page; safe to call more than once. */
  close(): void;
}

/** A page rendered to pixels: RGBA, 4 bytes a pixel, rows top to bottom without padding. */
export interface RenderedPage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /**
   * Fonts the page's text is in that are neither embedded nor built into the engine (PDFium only):
   * their glyphs may be missing from `data`, so a picture for a reader is better drawn elsewhere.
   */
  readonly unembeddedFonts?: readonly string[];
}

export interface PdfDocumentSource {
  readonly pageCount: number;
  /** Page `n` (1-based). Throws a Rejection when the page cannot be read at all. */
  page(n: number): Promise<PdfPageSource>;
  /** Renders page `n` at `scale` pixels a point (72 dpi × scale). */
  render(n: number, scale: number): Promise<RenderedPage>;
  /** Frees the document; safe to call more than once. */
  close(): Promise<void>;
}

export interface PdfBackend {
  /** Opens the bytes or throws a Rejection (encrypted, corrupt-file, too-large). */
  open(bytes: Uint8Array, limits: ReadLimits): Promise<PdfDocumentSource>;
  /** Maps whatever the engine threw while reading to a Rejection. */
  toRejection(error: unknown): Error;
}
