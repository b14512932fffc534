/**
 * PDF bytes → document model. Each page is parsed once, by the engine `pdf.engine` chooses (backend.ts:
 * PDFium or pdf.js): its positioned text and, when the text suggests a table, its ruling lines. Ruled tables are rebuilt as
 * grids and joined across page breaks, tables without rules from the alignment of their text; the
 * remaining text becomes paragraphs; blocks come out in reading order. Unreadable input becomes a Rejection with a Chinese message.
 */
import type {
  Block,
  DocumentFormat,
  DocumentModel,
  ExtractionProblem,
  ParagraphBlock,
  TableBlock,
} from '../model/document-model.js';
import type { ReadLimits } from '../model/limits.js';
import { keyedOcrCache, type ReadOptions } from '../model/read-options.js';
import { isRejection, Rejection } from '../model/rejection.js';
import { defaultOcrMinConfidence, tooManyOcrPagesMessage } from '../ocr/ocr-limits.js';
import type { OcrPageRecord } from '../ocr/ocr-page.js';
import { ocrPageText } from '../ocr/page-text.js';
import { defaultPdfEngine, type PdfDocumentSource, type PdfEngine } from './backend.js';
import { findBorderlessGrids } from './borderless.js';
import { loadPdfBackend } from './engines.js';
import type { Box, Rulings, TextLine, TextRun } from './geometry.js';
import { findGrids, type PageGrid } from './grid.js';
import { buildLines } from './lines.js';
import { buildParagraphs, FURNITURE_BAND, type ParagraphDraft } from './paragraphs.js';
import { mergeRulings } from './ruling-shapes.js';
import { guardPdfStreams } from './stream-guard.js';
import {
  type AssembledTable,
  appendContinuation,
  breakForced,
  cellBoxes,
  continues,
  startTable,
  toGrid,
} from './table-assembly.js';
import { buildPageTables, type PageTable } from './tables.js';

export const scannedMessage = '该PDF为扫描件，没有文字层，请提供Word原件或带文字层的PDF';
export const ocrFoundNothingMessage =
  '该PDF为扫描件（页面均为图片），文字识别（OCR）未能从中识别出文字（可能是空白页或图像过于模糊），请提供Word原件、带文字层的PDF或清晰的扫描件';
export const unmappedMessage =
  '该PDF的文字无法识别（字体缺少Unicode映射，提取出的多为乱码），视同扫描件，请提供Word原件或带文字层的PDF';

interface PageContent {
  page: number;
  width: number;
  height: number;
  lines: TextLine[];
  tables: PageTable[];
  unmapped: number;
  /** The page's drawing could not be read, so its tables (if any) were not rebuilt. */
  rulingsFailed: boolean;
}

/** Fewer characters than this per page on average is a scan, not a text document. */
const MIN_CHARACTERS_PER_PAGE = 5;

/** A gap this many ems wide between runs on one baseline suggests table columns. */
const COLUMN_GAP_EMS = 1.5;

/**
 * Cheap test on the text alone: a ruled table always puts cells side by side, so some baseline
 * carries runs separated by a wide gap. Pages of running text skip the operator list entirely.
 */
export function mayHoldTable(runs: readonly TextRun[]): boolean {
  if (runs.length < 2) return false;
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (Math.abs(a.y - b.y) > 0.3 * Math.min(a.size, b.size)) continue;
    if (b.x - (a.x + a.width) > COLUMN_GAP_EMS * Math.max(a.size, b.size)) return true;
  }
  return false;
}

/** What the layout steps take from a page, whether from its text layer or from OCR. */
export interface PageText {
  page: number;
  width: number;
  height: number;
  runs: readonly TextRun[];
  unmapped: number;
  /** The page's ruling lines, raw; throws when the page's drawing cannot be read. */
  rulings: () => Promise<Rulings>;
}

/** A page's runs and rulings → its lines and tables: the same steps for a text layer and for OCR. */
async function layoutPage(text: PageText): Promise<PageContent> {
  const n = text.page;
  let grids: PageGrid[] = [];
  let rulingsFailed = false;
  const mayHold = mayHoldTable(text.runs);
  if (mayHold) {
    try {
      grids = findGrids(mergeRulings(await text.rulings()));
    } catch {
      // The text was readable; without its drawing the page's tables come out as paragraphs.
      rulingsFailed = true;
    }
  }
  let { tables, outside } = buildPageTables(n, grids, text.runs);
  if (mayHold) {
    const borderless = findBorderlessGrids(outside);
    if (borderless.length > 0) {
      const more = buildPageTables(n, borderless, outside);
      tables = [...tables, ...more.tables].sort((a, b) => a.grid.box.top - b.grid.box.top);
      outside = more.outside;
    }
  }
  return {
    page: n,
    width: text.width,
    height: text.height,
    lines: buildLines(outside),
    tables,
    unmapped: text.unmapped,
    rulingsFailed,
  };
}

/**
 * Whether a page is to be read by OCR: its text layer is empty, or mostly glyphs without a
 * Unicode map. A page that draws next to nothing (blank, or a page number only) is not: OCR would
 * find nothing there, and a born-digital file never loads the recogniser for it.
 */
function wantsOcr(characters: number, unmapped: number): boolean {
  return characters < MIN_CHARACTERS_PER_PAGE || unmapped > characters / 2;
}

/** Scale of the quick render that tells a page image from a blank page (36 dpi). */
const INK_SCALE = 0.5;
/** Share of dark pixels above which a page draws something worth recognising. */
const MIN_INK_SHARE = 0.002;

async function hasInk(source: () => Promise<PdfDocumentSource>, n: number): Promise<boolean> {
  let image: Awaited<ReturnType<PdfDocumentSource['render']>>;
  try {
    image = await (await source()).render(n, INK_SCALE);
  } catch {
    // A page that cannot be drawn has nothing to recognise: it counts as the text it has.
    return false;
  }
  let dark = 0;
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i]! * 0.299 + data[i + 1]! * 0.587 + data[i + 2]! * 0.114 < 160) dark++;
  }
  return dark > MIN_INK_SHARE * image.width * image.height;
}

/** Which engine reads PDFs when the config does not say (`pdf.engine`). */
export function pdfEngineOf(limits: ReadLimits): PdfEngine {
  return limits.pdfEngine ?? defaultPdfEngine;
}

export async function readPdf(
  bytes: Uint8Array,
  limits: ReadLimits,
  options: ReadOptions = {},
): Promise<DocumentModel> {
  guardPdfStreams(bytes, limits);
  const engine = pdfEngineOf(limits);
  try {
    return await readWith(engine, bytes, limits, options);
  } catch (error) {
    /*
     * PDFium refuses some damaged files that pdf.js rebuilds (pages whose xref offsets are wrong:
     * fixtures/hostile/files/fuzz-xref-late-rejection.pdf). A file PDFium calls corrupt gets a second
     * reading by pdf.js, so that switching engines never rejects a file the old one read.
     */
    if (engine === 'pdfium' && isRejection(error) && error.code === 'corrupt-file') {
      return readWith('pdfjs', bytes, limits, options);
    }
    throw error;
  }
}

async function readWith(
  engine: PdfEngine,
  bytes: Uint8Array,
  limits: ReadLimits,
  options: ReadOptions,
): Promise<DocumentModel> {
  const backend = await loadPdfBackend(engine);
  let source: PdfDocumentSource;
  try {
    source = await backend.open(bytes, limits);
  } catch (error) {
    throw backend.toRejection(error);
  }
  let drawing: Promise<PdfDocumentSource> | undefined;
  try {
    const pageCount = source.pageCount;
    if (pageCount > limits.maxPages) {
      throw new Rejection(
        'too-large',
        `该PDF共${pageCount}页，超过允许的${limits.maxPages}页上限，请拆分或精简后报送。`,
      );
    }
    const pages: PageContent[] = [];
    let characters = 0;
    let unmapped = 0;
    const imagePages: number[] = [];
    // pdf.js cannot draw pages here (no canvas): image pages are drawn by PDFium whichever engine reads the text.
    const renderer = (): Promise<PdfDocumentSource> => {
      if (engine === 'pdfium') return Promise.resolve(source);
      drawing ??= loadPdfBackend('pdfium').then((pdfium) => pdfium.open(bytes, limits));
      return drawing;
    };
    for (let n = 1; n <= pageCount; n++) {
      const page = await source.page(n);
      try {
        const text = page.text;
        if (wantsOcr(text.characters, text.unmapped) && (await hasInk(renderer, n))) {
          imagePages.push(n);
          pages.push(emptyPage(n, page.width, page.height));
          continue;
        }
        pages.push(
          await layoutPage({
            page: n,
            width: page.width,
            height: page.height,
            runs: text.runs,
            unmapped: text.unmapped,
            rulings: () => page.rulings(),
          }),
        );
        characters += text.characters;
        unmapped += text.unmapped;
      } finally {
        page.close();
      }
    }
    const ocr = imagePages.length > 0 ? await readImagePages(await renderer(), imagePages, limits, options) : null;
    if (ocr) {
      for (const content of ocr.pages) pages[content.page - 1] = content;
      characters += ocr.characters;
    }
    // A scan may still carry a few characters (a scanner app's stamp, a page number): a report
    // has hundreds per page.
    if (characters < MIN_CHARACTERS_PER_PAGE * pageCount) {
      throw new Rejection('no-text-layer', ocr ? ocrFoundNothingMessage : scannedMessage);
    }
    if (unmapped > characters / 2) throw new Rejection('no-text-layer', unmappedMessage);
    const assembled = assemble(pages);
    if (!ocr) return { format: 'pdf', pageCount, ...assembled };
    return {
      format: 'pdf',
      pageCount,
      blocks: assembled.blocks,
      problems: [...ocr.problems, ...assembled.problems],
      ocr: { pages: imagePages, minConfidence: limits.ocrMinConfidence ?? defaultOcrMinConfidence },
    };
  } catch (error) {
    throw backend.toRejection(error);
  } finally {
    await source.close();
    if (drawing) await (await drawing.catch(() => null))?.close();
  }
}

function emptyPage(page: number, width: number, height: number): PageContent {
  return { page, width, height, lines: [], tables: [], unmapped: 0, rulingsFailed: false };
}

/**
 * The image pages of a PDF (a scan, or a scanned page appended to a born-digital file) read by
 * OCR: each rendered at 200 dpi, recognised (or taken from the cache), and laid out like any page.
 */
async function readImagePages(
  source: PdfDocumentSource,
  numbers: number[],
  limits: ReadLimits,
  options: ReadOptions,
): Promise<{ pages: PageContent[]; characters: number; problems: ExtractionProblem[] }> {
  if (numbers.length > limits.maxOcrPages) {
    throw new Rejection('too-large', tooManyOcrPagesMessage(numbers.length, limits.maxOcrPages));
  }
  const { recognisePageCached, ocrDpi } = await import('../ocr/recognise-page.js');
  const cache = keyedOcrCache(options);
  const pages: PageContent[] = [];
  const problems: ExtractionProblem[] = [];
  let characters = 0;
  const recognise = (n: number): Promise<OcrPageRecord> => {
    const record = recognisePageCached(
      n,
      async () => ({ image: await source.render(n, ocrDpi / 72), dpi: ocrDpi }),
      cache,
      options.ocrTurn,
    );
    // Awaited in its turn below; until then, a failure must not count as an unhandled rejection.
    record.catch(() => undefined);
    return record;
  };
  // One page ahead: the next page is rendered and made ready here while the OCR child recognises this one.
  let next = numbers.length > 0 ? recognise(numbers[0]!) : undefined;
  for (const [i, n] of numbers.entries()) {
    const current = next!;
    next = i + 1 < numbers.length ? recognise(numbers[i + 1]!) : undefined;
    const record = await current;
    const read = await layoutOcrPage(record, n);
    characters += read.characters;
    problems.push(...read.problems);
    pages.push(read.content);
  }
  return { pages, characters, problems };
}

async function layoutOcrPage(
  record: OcrPageRecord,
  n: number,
): Promise<{ content: PageContent; characters: number; problems: ExtractionProblem[] }> {
  const read = ocrPageText(record, n);
  const rulings = read.rulings;
  const content = await layoutPage({
    page: n,
    width: read.width,
    height: read.height,
    runs: read.runs,
    unmapped: 0,
    rulings: async () => rulings,
  });
  return { content, characters: read.characters, problems: read.problems };
}

/**
 * The document model of page images read by OCR (a photo or a scanned page sent as JPEG/PNG): each
 * record laid out like a PDF page, in the order given (page 1, 2, …).
 */
export async function documentFromOcrPages(
  format: DocumentFormat,
  records: readonly OcrPageRecord[],
  limits: ReadLimits,
  nothingFoundMessage: string,
): Promise<DocumentModel> {
  const pages: PageContent[] = [];
  const problems: ExtractionProblem[] = [];
  let characters = 0;
  for (const [i, record] of records.entries()) {
    const read = await layoutOcrPage(record, i + 1);
    pages.push(read.content);
    problems.push(...read.problems);
    characters += read.characters;
  }
  if (characters < MIN_CHARACTERS_PER_PAGE * records.length) throw new Rejection('no-text-layer', nothingFoundMessage);
  const assembled = assemble(pages);
  return {
    format,
    pageCount: records.length,
    blocks: assembled.blocks,
    problems: [...problems, ...assembled.problems],
    ocr: { pages: pages.map((p) => p.page), minConfidence: limits.ocrMinConfidence ?? defaultOcrMinConfidence },
  };
}

type Placed = { page: number; top: number } & (
  | { kind: 'paragraph'; draft: ParagraphDraft }
  | { kind: 'table'; table: PageTable }
);

/**
 * For each page, how far down content is known to reach on pages of its size: the lowest table edge or
 * line of text above the footer band. The page's body ends there or lower.
 */
function pageFoot(pages: PageContent[]): (page: number) => number {
  const sizeOf = (p: PageContent): string => `${Math.round(p.width)}x${Math.round(p.height)}`;
  const lowest = new Map<string, number>();
  for (const p of pages) {
    let bottom = -Infinity;
    for (const line of p.lines) {
      if (line.y < p.height * (1 - FURNITURE_BAND)) bottom = Math.max(bottom, line.y + 0.25 * line.size);
    }
    for (const table of p.tables) bottom = Math.max(bottom, table.grid.box.bottom);
    const key = sizeOf(p);
    lowest.set(key, Math.max(lowest.get(key) ?? -Infinity, bottom));
  }
  return (page) => {
    const p = pages[page - 1];
    return p ? (lowest.get(sizeOf(p)) ?? -Infinity) : -Infinity;
  };
}

/** Orders paragraphs and tables, joins continued tables, and numbers the blocks. */
function assemble(pages: PageContent[]): { blocks: Block[]; problems: ExtractionProblem[] } {
  const drafts = buildParagraphs(
    pages.map((p) => ({
      page: p.page,
      width: p.width,
      height: p.height,
      lines: p.lines,
      tables: p.tables.map((t): Box => t.grid.box),
    })),
  );
  const placed: Placed[] = [
    ...drafts.map((draft): Placed => ({ kind: 'paragraph', page: draft.page, top: draft.top, draft })),
    ...pages.flatMap((p) =>
      p.tables.map((table): Placed => ({ kind: 'table', page: p.page, top: table.grid.box.top, table })),
    ),
  ].sort((a, b) => a.page - b.page || a.top - b.top);

  const foot = pageFoot(pages);
  type Item = { kind: 'paragraph'; draft: ParagraphDraft } | { kind: 'table'; table: AssembledTable };
  const items: Item[] = [];
  placed.forEach((entry, i) => {
    if (entry.kind === 'paragraph') {
      items.push({ kind: 'paragraph', draft: entry.draft });
      return;
    }
    const last = items.at(-1);
    const previous = placed[i - 1];
    const firstOnPage = !previous || previous.page !== entry.page;
    if (
      firstOnPage &&
      last?.kind === 'table' &&
      previous?.kind === 'table' &&
      continues(last.table, entry.table) &&
      breakForced(last.table, entry.table, foot(last.table.lastPage))
    ) {
      appendContinuation(last.table, entry.table);
      return;
    }
    items.push({ kind: 'table', table: startTable(entry.table) });
  });

  const blocks: Block[] = [];
  const problems: ExtractionProblem[] = [];
  const firstParagraphOnPage = new Map<number, number>();
  let paragraphIndex = 0;
  let tableIndex = 0;
  for (const item of items) {
    if (item.kind === 'paragraph') {
      const block: ParagraphBlock = {
        kind: 'paragraph',
        text: item.draft.text,
        location: { page: item.draft.page, paragraph: paragraphIndex },
        headingLevel: item.draft.headingLevel,
        lines: item.draft.lines,
      };
      if (!firstParagraphOnPage.has(item.draft.page)) firstParagraphOnPage.set(item.draft.page, paragraphIndex);
      paragraphIndex++;
      blocks.push(block);
      continue;
    }
    const table = item.table;
    const block: TableBlock = {
      kind: 'table',
      index: tableIndex,
      page: table.page,
      rows: toGrid(table),
      cellBoxes: cellBoxes(table, (page) => pages[page - 1]?.height ?? 0),
      rowPages: table.rowPages,
    };
    if (table.irregular) {
      problems.push({
        code: 'table-reconstruction',
        message: `第${tableIndex + 1}个表格（第${table.page}页起）的边框线不完整，合并单元格可能识别有误，请对照原件核对。`,
        path: null,
        location: { table: tableIndex, row: 0, column: 0 },
      });
    }
    tableIndex++;
    blocks.push(block);
  }
  for (const p of pages) {
    if (p.rulingsFailed) {
      problems.push({
        code: 'table-reconstruction',
        message: `第${p.page}页的表格线无法读取，该页表格内容已按段落输出，请对照原件核对。`,
        path: null,
        location: null,
      });
    }
    if (p.unmapped === 0) continue;
    const paragraph = firstParagraphOnPage.get(p.page);
    problems.push({
      code: 'unmapped-glyphs',
      message: `第${p.page}页有${p.unmapped}个字符无法正确识别（字体缺少Unicode映射，提取结果为乱码或“\uFFFD”），请对照原件核对该页内容。`,
      path: null,
      location: paragraph === undefined ? null : { page: p.page, paragraph },
    });
  }
  return { blocks, problems };
}
