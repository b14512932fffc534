/**
 * Legacy Word 97–2003 .doc (and a .wps that WPS saved in the same binary format) → document model.
 *
 * word-extractor (pure JavaScript, MIT) reads the compound file, the piece table (8-bit and UTF-16
 * pieces), and marks tracked deletions; its own text output turns cell and row marks into tabs, so
 * the reader takes its pieces before that clean-up and reads the paragraph properties itself
 * (word-binary.ts) to keep each table cell a cell, each row a row, and merged cells as spans.
 * What cannot be recovered (a row whose cell geometry is unreadable) becomes an extraction problem.
 */
import BufferReader from 'word-extractor/lib/buffer-reader.js';
import WordOleExtractor, { type WordPiece } from 'word-extractor/lib/word-ole-extractor.js';
import { checkCompoundFile } from '../container/compound-file-guard.js';
import { resolveGrid, type SpanningCell } from '../docx/grid.js';
import type { Block, DocumentModel, ExtractionProblem } from '../model/document-model.js';
import { defaultReadLimits, type ReadLimits } from '../model/limits.js';
import { isRejection, Rejection } from '../model/rejection.js';
import { type ParagraphRun, type RowDefinition, readParagraphRuns, runAt } from './word-binary.js';
import { ParagraphLook, readListTables, readParagraphStyles } from './word-numbering.js';

interface RawDocument {
  pieces: WordPiece[];
  textLength: number;
  wordDocument: Buffer;
  table: Buffer;
  /** The Data stream (empty when the file has none): large paragraph properties stand there. */
  data: Buffer;
}

/** word-extractor's OLE extractor, stopped before it flattens the text: it hands back the raw pieces. */
class RawWordExtractor extends WordOleExtractor {
  private streams: { wordDocument: Buffer; table: Buffer } | null = null;
  private compoundFile: CompoundDocument | null = null;

  override extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown> {
    this.compoundFile = document as CompoundDocument;
    return super.extractWordDocument(document, buffer);
  }

  /** The Data stream's bytes, or an empty buffer when the document has none. */
  async dataStream(): Promise<Buffer> {
    const root = this.compoundFile?._rootStorage;
    if (!this.compoundFile || !root?._dirEntry?.streams?.Data) return Buffer.alloc(0);
    return this.streamBuffer(await this.documentStream(this.compoundFile, 'Data'));
  }

  override writePieces(buffer: Buffer, tableBuffer: Buffer): void {
    this.streams = { wordDocument: buffer, table: tableBuffer };
    super.writePieces(buffer, tableBuffer);
  }

  // Its paragraph pass overwrites row marks with line breaks (and misreads sprmTDefTable); ours replaces it.
  override writeParagraphProperties(): void {}

  override buildDocument(): Omit<RawDocument, 'data'> {
    if (!this.streams) throw new Error('no WordDocument stream');
    return { pieces: this._pieces, textLength: this._boundaries.ccpText, ...this.streams };
  }
}

/** The parts of word-extractor's compound document the Data stream lookup needs. */
interface CompoundDocument {
  _rootStorage?: { _dirEntry?: { streams?: Record<string, unknown> } };
}

interface Char {
  ch: string;
  /** File position of the character in the WordDocument stream (what paragraph properties refer to). */
  fc: number;
}

/** The main text's characters with their file positions; field codes dropped, field results kept. */
function mainText(raw: RawDocument): Char[] {
  const chars: Char[] = [];
  let cp = 0;
  for (const piece of raw.pieces) {
    for (let i = 0; i < piece.text.length && cp < raw.textLength; i++, cp++) {
      chars.push({ ch: piece.text[i]!, fc: piece.startFilePos + i * piece.bpc });
    }
  }
  const kept: Char[] = [];
  // Fields nest: \x13 code \x14 result \x15. Inside a code part nothing is kept.
  const stack: boolean[] = [];
  for (const char of chars) {
    if (char.ch === '\x13') stack.push(false);
    else if (char.ch === '\x14') {
      if (stack.length > 0) stack[stack.length - 1] = true;
    } else if (char.ch === '\x15') stack.pop();
    else if (stack.every((inResult) => inResult)) kept.push(char);
  }
  return kept;
}

/** Characters that stand for something other than text: deleted text (\0, marked by word-extractor), notes, pictures. */
const DROPPED = /[\x00-\x06\x08\x1f]/;
const SECTION_BREAK = '\f';

function finishLine(text: string): string {
  if (!text.includes(SECTION_BREAK)) return text;
  return text.replace(/^\f+|\f+$/g, '').replace(/\f+/g, '\n');
}

const isBlank = (text: string) => !/\S/.test(text);

interface RawRow {
  cells: string[];
  definition: RowDefinition | null;
}

/** A table's rows → spanning cells: widths from the cell boundaries, vertical merges as row spans. */
function spanningRows(rows: readonly RawRow[]): { rows: SpanningCell[][]; geometryKnown: boolean } {
  const usable = (row: RawRow) => row.definition !== null && row.definition.boundaries.length === row.cells.length + 1;
  const geometryKnown = rows.every(usable);
  const edges = [...new Set(rows.flatMap((row) => (usable(row) ? row.definition!.boundaries : [])))].sort(
    (a, b) => a - b,
  );
  const columnOf = (edge: number) => edges.indexOf(edge);
  const open = new Map<number, { text: string; rowSpan: number; colSpan: number }>();
  const result: SpanningCell[][] = [];
  for (const row of rows) {
    const cells: { text: string; rowSpan: number; colSpan: number }[] = [];
    if (!usable(row)) {
      open.clear();
      for (const text of row.cells) cells.push({ text, rowSpan: 1, colSpan: 1 });
      result.push(cells);
      continue;
    }
    const { boundaries, verticalMerge, horizontalMerge } = row.definition!;
    let previous: { text: string; rowSpan: number; colSpan: number } | null = null;
    row.cells.forEach((text, i) => {
      const left = columnOf(boundaries[i]!);
      const colSpan = Math.max(1, columnOf(boundaries[i + 1]!) - left);
      // Old-style horizontal merge: the cell is part of the one before it.
      if ((horizontalMerge[i] ?? 0) >= 2 && previous) {
        previous.colSpan += colSpan;
        if (!isBlank(text)) previous.text = previous.text ? `${previous.text}\n${text}` : text;
        return;
      }
      const flag = verticalMerge[i] ?? 0;
      const origin = open.get(left);
      if (flag === 1 && origin && origin.colSpan === colSpan) {
        origin.rowSpan++;
        // Word shows no text of a continued cell; should one hold some, it is not lost.
        if (!isBlank(text)) origin.text = origin.text ? `${origin.text}\n${text}` : text;
        previous = origin;
        return;
      }
      const cell = { text, rowSpan: 1, colSpan };
      if (flag === 3 || flag === 1) open.set(left, cell);
      else open.delete(left);
      cells.push(cell);
      previous = cell;
    });
    result.push(cells);
  }
  return { rows: result, geometryKnown };
}

function documentBlocks(
  chars: readonly Char[],
  runs: readonly ParagraphRun[],
  look: ParagraphLook,
): { blocks: Block[]; problems: ExtractionProblem[] } {
  const blocks: Block[] = [];
  const problems: ExtractionProblem[] = [];
  let paragraphs = 0;
  let tables = 0;
  let line = '';
  let cellLines: string[] = [];
  let cells: string[] = [];
  let rows: RawRow[] = [];
  // A numbered paragraph's marker, counted even when the paragraph is blank (Word numbers it too).
  const numbered = (run: ParagraphRun | null, text: string) => {
    const marker = run ? look.marker(run) : null;
    return marker === null ? text : marker + text;
  };

  const flushTable = () => {
    if (cells.length > 0 || cellLines.length > 0) {
      // Cells after the last row mark (a damaged file): kept as a row of their own.
      if (cellLines.length > 0) cells.push(cellLines.filter((text) => !isBlank(text)).join('\n'));
      rows.push({ cells, definition: null });
    }
    cells = [];
    cellLines = [];
    if (rows.length === 0) return;
    const { rows: spanning, geometryKnown } = spanningRows(rows);
    const grid = resolveGrid(spanning);
    const index = tables++;
    if (!geometryKnown) {
      problems.push({
        code: 'table-reconstruction',
        message: `旧版Word文档（.doc）第${index + 1}个表格的单元格宽度与合并信息无法完整读取，合并单元格可能按普通单元格处理，请核对该表格或另存为.docx后重新报送。`,
        path: null,
        location: { table: index, row: 0, column: 0 },
      });
    }
    if (grid.length > 0) blocks.push({ kind: 'table', index, page: null, rows: grid, rowPages: null });
    rows = [];
  };

  for (const { ch, fc } of chars) {
    // A section break (\f) ends its paragraph, as the section properties end a DOCX paragraph; a page
    // break typed inside a paragraph is a \f too, and then splits it in two (blank halves are dropped).
    if (ch === '\r' || (ch === '\x0c' && cells.length === 0 && cellLines.length === 0)) {
      const run = runAt(runs, fc);
      const text = numbered(run, finishLine(line));
      line = '';
      if (run?.inTable || cells.length > 0 || cellLines.length > 0) {
        cellLines.push(text);
        continue;
      }
      flushTable();
      if (!isBlank(text)) {
        const headingLevel = run ? look.headingLevel(run.istd) : null;
        blocks.push({ kind: 'paragraph', text, location: { page: null, paragraph: paragraphs++ }, headingLevel });
      }
    } else if (ch === '\x07') {
      const run = runAt(runs, fc);
      if (run?.rowEnd) {
        rows.push({ cells, definition: run.row });
        cells = [];
        cellLines = [];
      } else {
        cellLines.push(numbered(run, finishLine(line)));
        cells.push(cellLines.filter((text) => !isBlank(text)).join('\n'));
        cellLines = [];
      }
      line = '';
    } else if (ch === '\x0b') line += '\n';
    else if (ch === '\x0c')
      line += SECTION_BREAK; // inside a table cell: a break between lines
    else if (ch === '\x1e') line += '-';
    else if (!DROPPED.test(ch)) line += ch;
  }
  if (!isBlank(line)) {
    if (cells.length > 0 || cellLines.length > 0) cellLines.push(finishLine(line));
    else {
      flushTable();
      blocks.push({
        kind: 'paragraph',
        text: finishLine(line),
        location: { page: null, paragraph: paragraphs++ },
        headingLevel: null,
      });
    }
  }
  flushTable();
  return { blocks, problems };
}

const corrupt = (cause: unknown) =>
  new Rejection(
    'corrupt-file',
    '旧版Word文档（.doc）已损坏或结构异常，无法读取，请用Word或WPS另存为.docx后重新报送。',
    {
      cause,
    },
  );

/** Throws a Rejection: `too-large`, `corrupt-file`, or `encrypted` (a .doc with an open password). */
export async function readDoc(bytes: Uint8Array, limits: ReadLimits = defaultReadLimits): Promise<DocumentModel> {
  checkCompoundFile(bytes, limits);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let raw: RawDocument;
  try {
    const reader = new BufferReader(buffer);
    await reader.open();
    const extractor = new RawWordExtractor();
    const document = (await extractor.extract(reader)) as Omit<RawDocument, 'data'>;
    raw = { ...document, data: await extractor.dataStream() };
  } catch (error) {
    throw isRejection(error) ? error : corrupt(error);
  }
  // FIB flag fEncrypted (bit 8 of the word at 0x0A): the text is obfuscated or RC4-encrypted.
  if (raw.wordDocument.length >= 0x0c && (raw.wordDocument.readUInt16LE(0x0a) & 0x0100) !== 0) {
    throw new Rejection('encrypted', '该Word文档（.doc）设置了打开密码，无法读取，请取消密码后重新报送。');
  }
  const runs = readParagraphRuns(raw.wordDocument, raw.table, raw.data);
  const look = new ParagraphLook(
    readParagraphStyles(raw.wordDocument, raw.table),
    readListTables(raw.wordDocument, raw.table),
  );
  const { blocks, problems } = documentBlocks(mainText(raw), runs, look);
  return { format: 'doc', blocks, pageCount: null, problems };
}
