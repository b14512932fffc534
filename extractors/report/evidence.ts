/**
 * Collects what the typed extractors find besides the report itself: the evidence of every figure
 * by dotted report path, the figures stated twice, and extraction problems. Evidence is built from
 * the block a figure came from (paragraph or cell location), never from hand-made positions.
 */
import type {
  Block,
  CellLocation,
  ExtractionProblem,
  GridCell,
  ParagraphBlock,
  TableBlock,
  TextLineBox,
} from '../model/document-model.js';
import type { Evidence } from '../model/report-schema.js';
import { textBox, textConfidence } from '../model/text-box.js';
import type { FigureDraft } from '../text/figures.js';
import type { NarrativeSentence } from './narrative.js';

export interface RepeatedFigure {
  name: string;
  occurrences: Evidence[];
}

/** Evidence of a figure found in a narrative sentence. */
export function sentenceEvidence(sentence: NarrativeSentence, figure: FigureDraft, label: string): Evidence {
  const placed = sentence.geometry
    ? textBox(
        sentence.geometry.lines,
        sentence.geometry.text,
        sentence.offset + figure.start,
        sentence.offset + figure.end,
      )
    : null;
  const evidence: Evidence = {
    label,
    value: figure.value.toNumber(),
    text: sentence.text,
    location: placed ? { ...sentence.location, page: placed.page, box: placed.box } : { ...sentence.location },
    halfUnit: figure.halfUnit.toNumber(),
    approximate: figure.approximate,
    unit: figure.unit,
  };
  const confidence = sentence.geometry
    ? textConfidence(sentence.geometry.lines, sentence.offset + figure.start, sentence.offset + figure.end)
    : undefined;
  if (confidence !== undefined) evidence.confidence = confidence;
  return evidence;
}

/** Evidence of a statement without a number in it (「本年无结转结余」 → 0, 「100万以上项目：无」). */
export function statementEvidence(sentence: NarrativeSentence, label: string, value: number | null): Evidence {
  return { label, value, text: sentence.text, location: { ...sentence.location }, halfUnit: 0, approximate: false };
}

/** Evidence of a table cell; `location` is the grid position the cell's text stands at (its origin when merged). */
export function cellEvidence(
  cell: GridCell,
  location: CellLocation,
  label: string,
  value: number | null,
  unit?: string,
): Evidence {
  const evidence: Evidence = {
    label,
    value,
    text: cell.text.trim(),
    location: { ...location },
    halfUnit: 0,
    approximate: false,
  };
  if (unit !== undefined) evidence.unit = unit;
  if (cell.confidence !== undefined) evidence.confidence = cell.confidence;
  return evidence;
}

export class ExtractionRecorder {
  readonly evidence: Record<string, Evidence> = {};
  readonly repeatedFigures: RepeatedFigure[] = [];
  readonly problems: ExtractionProblem[] = [];

  /** Records a narrative figure under `path`, marks it as taken, and returns its value in base units. */
  take(path: string, sentence: NarrativeSentence, index: number, label: string): number {
    const figure = sentence.figures[index]!;
    this.mark(sentence, index, path);
    this.evidence[path] = sentenceEvidence(sentence, figure, label);
    return figure.value.toNumber();
  }

  /** Marks a figure as taken by `path` without recording evidence (a second statement of the same figure). */
  mark(sentence: NarrativeSentence, index: number, path: string): void {
    if (sentence.usedBy[index] === null) sentence.usedBy[index] = path;
  }

  record(path: string, evidence: Evidence): void {
    this.evidence[path] = evidence;
  }

  missing(path: string, what: string): void {
    this.problems.push({ code: 'missing-figure', message: `未找到${what}`, path, location: null });
  }

  ambiguous(path: string, message: string, location: Evidence['location']): void {
    this.problems.push({ code: 'ambiguous-figure', message, path, location: { ...location } });
  }
}

/**
 * Gives each PDF table cell's evidence the page and outline of the cell's text (SPEC §7 box), from
 * the table blocks' geometry, so a reviewer's screen can outline it. Evidence of other formats and
 * evidence already placed are left as they are.
 */
export function placeCellEvidence(blocks: readonly Block[], evidence: Iterable<Evidence>): void {
  const tables = new Map<number, TableBlock>();
  for (const block of blocks) if (block.kind === 'table' && block.cellBoxes) tables.set(block.index, block);
  if (tables.size === 0) return;
  for (const item of evidence) {
    const location = item.location;
    if (!('table' in location) || location.sheet !== undefined || location.box) continue;
    const placed = tables.get(location.table)?.cellBoxes?.[location.row]?.[location.column]?.[0];
    if (placed) item.location = { ...location, page: placed.page, box: placed.box };
  }
}

/**
 * Gives every figure read by OCR its recognition confidence (SPEC §7), where the extractor that
 * found it did not: from the table cell it stands in, or the lines of its paragraph (those its box
 * covers, else all of them). Evidence of a text layer has none and gets none.
 */
export function attachOcrConfidence(blocks: readonly Block[], evidence: Iterable<Evidence>): void {
  const tables = new Map<number, TableBlock>();
  const paragraphs = new Map<number, ParagraphBlock>();
  for (const block of blocks) {
    if (block.kind === 'table') tables.set(block.index, block);
    else paragraphs.set(block.location.paragraph, block);
  }
  for (const item of evidence) {
    if (item.confidence !== undefined) continue;
    const location = item.location;
    let confidence: number | undefined;
    if ('table' in location) {
      const cell = tables.get(location.table)?.rows[location.row]?.[location.column];
      confidence = cell?.confidence;
    } else {
      const lines = paragraphs.get(location.paragraph)?.lines ?? [];
      const box = location.box;
      const covered = box ? lines.filter((line) => line.box[1] < box[3] && line.box[3] > box[1]) : [];
      confidence = lowest(covered.length > 0 ? covered : lines);
    }
    if (confidence !== undefined) item.confidence = confidence;
  }
}

function lowest(lines: readonly TextLineBox[]): number | undefined {
  let result: number | undefined;
  for (const line of lines) {
    if (line.confidence !== undefined && (result === undefined || line.confidence < result)) result = line.confidence;
  }
  return result;
}

/** A form's 年度指标值 and 实际完成值, figures kept as their cells state them (value null): ≥95%, 300户. */
const STATED_FIGURE = /^scoring\.items\.\d+\.(?:target|actual)$/;

/**
 * The 提取提示 for each figure read by OCR below the threshold: the reviewer checks it against the
 * original. A stated target or actual is one too: a misread sign or digit in it decides a finding.
 */
export function doubtfulFigures(evidence: Record<string, Evidence>, minConfidence: number): ExtractionProblem[] {
  const problems: ExtractionProblem[] = [];
  for (const [path, item] of Object.entries(evidence)) {
    if (item.confidence === undefined || item.confidence >= minConfidence) continue;
    if (item.value === null && !(STATED_FIGURE.test(path) && /\d/.test(item.text))) continue;
    const page = 'page' in item.location && typeof item.location.page === 'number' ? `第${item.location.page}页` : '';
    problems.push({
      code: 'ocr-uncertain',
      message: `${page}「${item.label}」识别为「${item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text}」，识别置信度${item.confidence.toFixed(2)}，识别存疑，请对照原件核对。`,
      path,
      location: { ...item.location },
    });
  }
  return problems;
}
