/**
 * Collects what the typed extractors find besides the report itself: the evidence of every figure
 * by dotted report path, the figures stated twice, and extraction problems. Evidence is built from
 * the block a figure came from (paragraph or cell location), never from hand-made positions.
 */
import type { Block, CellLocation, ExtractionProblem, GridCell, TableBlock } from '../model/document-model.js';
import type { Evidence } from '../model/report-schema.js';
import { textBox } from '../model/text-box.js';
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
  return {
    label,
    value: figure.value.toNumber(),
    text: sentence.text,
    location: placed ? { ...sentence.location, page: placed.page, box: placed.box } : { ...sentence.location },
    halfUnit: figure.halfUnit.toNumber(),
    approximate: figure.approximate,
    unit: figure.unit,
  };
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
