/**
 * The document model: what every reader (DOCX, PDF) produces and what the report parser reads.
 * A submission becomes an ordered list of blocks — paragraphs and tables — each knowing where it
 * stands in the source, so that every figure found later can point a reviewer back to it.
 */

/** Where a paragraph stands: `page` is 1-based as printed (null for DOCX, which has no pages); `paragraph` is the 0-based index among all paragraph blocks of the document. */
export interface TextLocation {
  page: number | null;
  paragraph: number;
}

/** Where a table cell stands: 0-based table index in the document, row and column in the resolved grid (header rows included). */
export interface CellLocation {
  /** The sheet's name, for a spreadsheet cell (SPEC §7); absent for DOCX/PDF/.doc tables. */
  sheet?: string;
  table: number;
  row: number;
  column: number;
  /**
   * For a spreadsheet cell: its address as Excel and WPS show it (「C7」). `row` and `column` count the
   * table's grid, which starts below the title lines read as paragraphs, so they are not the sheet's own.
   */
  cell?: string;
}

export type SourceLocation = TextLocation | CellLocation;

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Text with runs joined, line breaks inside the paragraph kept as '\n', no other normalisation (full-width digits stay as written). */
  text: string;
  location: TextLocation;
  /** Heading level when the source marks it as one (Word heading style, or PDF font size/bold); null when unknown. Numbering like 一、（一）1. is read from the text by the parser, not from here. */
  headingLevel: number | null;
  /**
   * PDF only: the paragraph's lines as they stand on the page — the range of `text` each holds and
   * its outline [x0, y0, x1, y1] in PDF points from the lower-left corner — so that a figure's box
   * (SPEC §7) can be found from its place in the text.
   */
  lines?: TextLineBox[];
}

export interface TextLineBox {
  start: number;
  end: number;
  page: number;
  box: [number, number, number, number];
  /** Lowest recognition confidence (0–1) of the line's text, when the page was read by OCR. */
  confidence?: number;
}

/**
 * One position of a table's grid. Spans are resolved: a cell merged over several rows or columns
 * occupies every grid position it covers; the positions other than its top-left one have
 * `merged: true` and `origin` pointing at the top-left position, and carry the same text.
 */
export interface GridCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  merged: boolean;
  origin: { row: number; column: number };
  /** Lowest recognition confidence (0–1) of the cell's text, when it was read by OCR. */
  confidence?: number;
}

/** Where a PDF cell's text stands on one page: [x0, y0, x1, y1] in PDF points from the page's lower-left corner (SPEC §7 `box`). */
export interface CellTextBox {
  page: number;
  box: [number, number, number, number];
}

export interface TableBlock {
  kind: 'table';
  /** 0-based index among the table blocks of the document. */
  index: number;
  /** Page where the table starts (null for DOCX). A PDF table broken across pages is one block. */
  page: number | null;
  /** rows[r][c]; every row has the same number of columns. Repeated header rows of a table broken across pages are dropped. */
  rows: GridCell[][];
  /** For PDF: the page of each row (same length as rows); null for DOCX. */
  rowPages: (number | null)[] | null;
  /** For a spreadsheet: the name of the sheet this table is (one table per sheet); absent otherwise. */
  sheet?: string;
  /** For a spreadsheet: the sheet's 0-based row and column of the grid's top-left position. */
  sheetOrigin?: { row: number; column: number };
  /**
   * For PDF: where each grid position's cell text stands, per page it is on (a cell cut by a page
   * break has two), the same shape as `rows`; absent for other formats.
   */
  cellBoxes?: CellTextBox[][][];
}

export type Block = ParagraphBlock | TableBlock;

/** A problem found while reading, shown to the reviewer rather than thrown away (STYLE §7). */
export interface ExtractionProblem {
  code:
    | 'unmapped-glyphs' // text came out as U+FFFD (font without ToUnicode map)
    | 'table-reconstruction' // a PDF table whose grid could not be rebuilt with confidence
    | 'missing-figure' // a figure the template asks for was not found
    | 'missing-part' // a part its kind of document has (a form's funds block, 绩效指标 …) was not found
    | 'ambiguous-figure' // a figure found more than once with different values
    | 'unparsed-number' // a number-like text that could not be read
    | 'ocr-read' // a page read by OCR, and what was done to its image (turned, deskewed, figures repaired)
    | 'ocr-uncertain'; // a figure read by OCR below the confidence threshold: 请对照原件核对
  message: string; // Chinese, for the reviewer
  /** Dotted path into the report, e.g. "finance.income", when the problem concerns one figure. */
  path: string | null;
  location: SourceLocation | null;
}

/** The file formats review-desk reads (SPEC §6); `format` of a result. */
export const documentFormats = ['docx', 'pdf', 'xlsx', 'xls', 'doc', 'jpeg', 'png'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

export interface DocumentModel {
  format: DocumentFormat;
  /** Blocks in reading order. */
  blocks: Block[];
  /** Number of pages for PDF, null for DOCX and the other formats without pages. */
  pageCount: number | null;
  problems: ExtractionProblem[];
  /** Present when any page was read by OCR (a scan, a photo): which pages, and the confidence below which a figure is doubtful. */
  ocr?: OcrReading;
}

export interface OcrReading {
  /** 1-based pages read by OCR. */
  pages: number[];
  /** A figure below this recognition confidence is listed as 「请对照原件核对」 (limits.ocrMinConfidence). */
  minConfidence: number;
}

export function isCellLocation(location: SourceLocation): location is CellLocation {
  return 'table' in location;
}

/** A 0-based sheet position as Excel names it: (0, 0) → A1, (6, 27) → AB7. */
export function cellAddress(row: number, column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/**
 * The location of a table cell, with the sheet's name when the table is a spreadsheet's sheet (SPEC §7)
 * and the cell's own address in that sheet.
 */
export function cellLocationOf(
  table: Pick<TableBlock, 'index' | 'sheet' | 'sheetOrigin'>,
  row: number,
  column: number,
): CellLocation {
  if (table.sheet === undefined) return { table: table.index, row, column };
  const origin = table.sheetOrigin;
  return origin
    ? {
        sheet: table.sheet,
        table: table.index,
        row,
        column,
        cell: cellAddress(origin.row + row, origin.column + column),
      }
    : { sheet: table.sheet, table: table.index, row, column };
}
