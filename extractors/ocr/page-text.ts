/**
 * An OCR page record → what the PDF reader's layout steps take (text runs with their confidence,
 * ruling lines): the spaces OCR puts inside figures taken out (spaced-digits.ts, which also doubts
 * the figures whose spaces may be real), the figures OCR damaged repaired (text/ocr-figures.ts) and the comparison signs of
 * targets (comparison-signs.ts, which also gives a run its weakest digit's confidence), brackets
 * given matching widths (within a run and across a wrapped line), and the body text one size
 * whatever each box's height; each repair of a figure or sign, and each note of the image
 * preparation, as an extraction note for the reviewer.
 */
import type { ExtractionProblem } from '../model/document-model.js';
import type { Rulings, TextRun } from '../pdf/geometry.js';
import { repairOcrFigures } from '../text/ocr-figures.js';
import { figureConfidence, repairComparisonSigns } from './comparison-signs.js';
import type { OcrPageRecord, OcrTextBox } from './ocr-page.js';
import { type DigitRepair, joinSpacedDigits, spaceJoinReason } from './spaced-digits.js';

/** The font name OCR runs carry: no font, but the layout steps compare names. */
export const ocrFontName = 'ocr';

export interface OcrPageText {
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Rulings;
  /** Non-whitespace characters recognised. */
  characters: number;
  problems: ExtractionProblem[];
}

const closerOf: Record<string, string> = { '（': '）', '(': ')' };

/**
 * OCR reads a bracket's width glyph by glyph, so 「（低效无效率)」 comes out with one full-width and one
 * half-width bracket, and label matching (which compares text) misses. A closer of the other width is
 * given its opener's width; brackets the text really mixes stay as they are.
 */
export function pairOcrBrackets(text: string): string {
  const open: string[] = [];
  let out = '';
  for (const char of text) {
    if (char in closerOf) {
      open.push(char);
      out += char;
    } else if (char === ')' || char === '）') {
      const opener = open.pop();
      out += opener === undefined ? char : closerOf[opener]!;
    } else {
      out += char;
    }
  }
  return out;
}

/** The bracket a text leaves open at its end (the innermost), if any. */
function openAtEnd(text: string): string | undefined {
  const open: string[] = [];
  for (const char of text) {
    if (char in closerOf) open.push(char);
    else if (char === ')' || char === '）') open.pop();
  }
  return open.at(-1);
}

/** Where the first closer without an opener before it stands in `text` (UTF-16 index), or -1. */
function closerWithoutOpener(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char in closerOf) depth++;
    else if (char === ')' || char === '）') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * A bracket opened on one line of a cell or paragraph and closed on the next (「（低效无效」 over
 * 「率)」 in a narrow cell of the seed's scoring table): the closer takes the width of the bracket
 * the run just above it leaves open, as pairOcrBrackets does within one run.
 */
export function pairWrappedBrackets(runs: TextRun[]): TextRun[] {
  return runs.map((run) => {
    const at = closerWithoutOpener(run.text);
    if (at < 0) return run;
    const above = runs
      .filter(
        (other) =>
          other !== run &&
          run.y - other.y > 0.5 * run.size &&
          run.y - other.y < 2.5 * run.size &&
          other.x < run.x + run.width &&
          run.x < other.x + other.width,
      )
      .sort((a, b) => b.y - a.y)[0];
    const opener = above ? openAtEnd(above.text) : undefined;
    if (opener === undefined || run.text[at] === closerOf[opener]) return run;
    return { ...run, text: run.text.slice(0, at) + closerOf[opener]! + run.text.slice(at + 1) };
  });
}

/** A size this close to the page's body text is the body text's (paragraphs.ts breaks at 15%, headings start at 1.2×). */
const SAME_FONT = 1.2;
/** The height of a box of a few characters says less (「元。」 came out 1.21× its line's font): a wider band. */
const SAME_FONT_SHORT = 1.35;
const SHORT_BOX = 3;

/**
 * Runs of the page's body text given one size. A box's height follows the ink rather than the font:
 * one body font came out 11.2–13.2 pt on a page of the seed scan, and a line of just 「元。」 14.7 pt
 * against 12.4 pt for the line before it, so that the layout broke the paragraph there (15% apart)
 * and called 「元。」 a heading. Sizes within SAME_FONT of the body's (the character-weighted median)
 * take it, within SAME_FONT_SHORT for a box of a few characters; a title or heading set larger keeps its own.
 */
export function withBodySize(runs: TextRun[]): TextRun[] {
  const weighted = runs
    .map((run) => ({ size: run.size, weight: run.text.replace(/\s/g, '').length }))
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => a.size - b.size);
  const total = weighted.reduce((sum, entry) => sum + entry.weight, 0);
  let seen = 0;
  const body = weighted.find((entry) => {
    seen += entry.weight;
    return seen >= total / 2;
  })?.size;
  if (body === undefined) return runs;
  return runs.map((run) => {
    const band = run.text.replace(/\s/g, '').length <= SHORT_BOX ? SAME_FONT_SHORT : SAME_FONT;
    return run.size < body * band && run.size > body / band ? { ...run, size: body } : run;
  });
}

/** Whether one of the page's vertical rulings runs through the box (it then spans two table cells). */
export function straddlesRuling(box: Pick<OcrTextBox, 'x' | 'y' | 'width' | 'size'>, rulings: Rulings): boolean {
  // The box's ink: about an em above its baseline; a ruling within a point of its edges is its cell's border.
  const top = box.y - box.size;
  const bottom = box.y;
  return rulings.vertical.some(
    (ruling) =>
      ruling.x > box.x + 1 &&
      ruling.x < box.x + box.width - 1 &&
      Math.min(ruling.y1, ruling.y2) < bottom &&
      Math.max(ruling.y1, ruling.y2) > top,
  );
}

export function ocrPageText(record: OcrPageRecord, page: number): OcrPageText {
  const runs: TextRun[] = [];
  const problems: ExtractionProblem[] = [];
  // The spaces taken out of figures, noted once for the page (a page in full-width digits has dozens).
  const joins: DigitRepair[] = [];
  const note = (message: string): void => {
    problems.push({ code: 'ocr-read', message, path: null, location: null });
  };
  let characters = 0;
  for (const recognised of record.boxes) {
    const spaced = joinSpacedDigits(recognised, straddlesRuling(recognised, record.rulings));
    const box = { ...recognised, ...spaced.box };
    const signs = repairComparisonSigns(box);
    const repaired = repairOcrFigures(signs.text);
    const { repairs } = repaired;
    const text = pairOcrBrackets(repaired.text);
    const confidence = Math.min(figureConfidence(box), signs.confidence ?? 1, spaced.confidence ?? 1);
    characters += text.replace(/\s/g, '').length;
    runs.push({
      text,
      x: box.x,
      y: box.y,
      width: box.width,
      size: box.size,
      fontName: ocrFontName,
      confidence: Math.round(confidence * 1000) / 1000,
    });
    for (const repair of spaced.repairs) {
      if (repair.joined) joins.push(repair);
      else note(`第${page}页识别出的「${repair.from}」按「${repair.to}」读取（${repair.reason}），请对照原件核对。`);
    }
    for (const kept of spaced.keptApart) {
      note(`第${page}页识别出的「${kept.text}」数字中间有空格，未合并（${kept.reason}），识别存疑，请对照原件核对。`);
    }
    for (const repair of signs.repairs) {
      note(`第${page}页识别出的「${repair.from}」按「${repair.to}」读取（${repair.reason}），请对照原件核对。`);
    }
    for (const repair of repairs) {
      note(
        `第${page}页识别出的「${repair.from}」按「${repair.to}」读取（文字识别常把千分位或数字误认），请对照原件核对。`,
      );
    }
  }
  if (joins.length > 0) {
    const listed = joins.map((join) => `「${join.from}」按「${join.to}」`).join('、');
    note(`第${page}页识别出的${joins.length}处数字中间有空格：${listed}读取（${spaceJoinReason}），请对照原件核对。`);
  }
  for (const message of record.notes) note(message);
  return {
    width: record.width,
    height: record.height,
    runs: withBodySize(pairWrappedBrackets(runs)),
    rulings: record.rulings,
    characters,
    problems,
  };
}
