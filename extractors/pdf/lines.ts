/**
 * Text runs → lines: runs on one baseline (within a tolerance relative to the font size), ordered
 * by x and joined the way the text reads — no spaces between CJK characters, a space only where a
 * wide gap separates Latin letters or digits. Also joins a block's lines back into running text.
 */
import { extent, lowestConfidence, type TextLine, type TextRun } from './geometry.js';

/** Baselines closer than this share of the font size are one line. */
const BASELINE_TOLERANCE = 0.3;
/** A gap wider than this share of the font size between Latin/digit runs is a word space. */
const WORD_GAP = 0.15;
/** A gap wider than this many ems separates fields (tab stops): kept as one space even beside CJK. */
const FIELD_GAP = 2;

const latin = /[A-Za-z0-9]/;
const latinLetter = /[A-Za-z]/;
const letterSpacedEnd = /\p{Script=Han} \p{Script=Han}$/u;
const letterSpacedStart = /^\p{Script=Han}( \p{Script=Han}|$)/u;
// Han ideographs, CJK punctuation, full-width forms.
const cjk = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;
const cjkLatinSpace =
  /(?<=[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF])/gu;

/**
 * pdf.js turns small gaps inside a run into spaces; between a CJK character and a Latin letter or
 * digit such a gap is the exporter's automatic CJK/Latin spacing, not a typed space.
 */
function withoutAutospace(text: string): string {
  return text.replace(cjkLatinSpace, '');
}

/** Groups runs into lines, top to bottom; each line's runs left to right. */
export function buildLines(runs: readonly TextRun[]): TextLine[] {
  return groupRuns(runs).map(makeLine);
}

/** The runs of each line (sharing a baseline within the tolerance), top to bottom, each left to right. */
export function groupRuns(runs: readonly TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextRun[][] = [];
  let current: TextRun[] = [];
  let lineY = 0;
  let lineSize = 0;
  for (const run of sorted) {
    if (current.length > 0 && Math.abs(run.y - lineY) <= BASELINE_TOLERANCE * Math.min(lineSize, run.size)) {
      current.push(run);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [run];
    lineY = run.y;
    lineSize = run.size;
  }
  if (current.length > 0) groups.push(current);
  for (const group of groups) group.sort((a, b) => a.x - b.x);
  return groups;
}

function makeLine(group: TextRun[]): TextLine {
  const runs = dropOverprints(group);
  let text = '';
  let previous: TextRun | null = null;
  for (const run of runs) {
    const piece = withoutAutospace(run.text);
    if (previous) {
      const gap = run.x - (previous.x + previous.width);
      const size = Math.max(previous.size, run.size);
      const before = text.at(-1) ?? '';
      const after = piece[0] ?? '';
      if (before !== ' ' && after !== ' ') {
        // Between scripts a gap is the exporter's CJK/Latin spacing; within one script it is a space
        // the author typed (pdf.js hands such spaces over as separate items, which are dropped).
        const sameScript = (latin.test(before) && latin.test(after)) || (cjk.test(before) && cjk.test(after));
        if (gap > FIELD_GAP * size || (gap > WORD_GAP * size && sameScript)) text += ' ';
      }
    }
    text += piece;
    previous = run;
  }
  let weighted = 0;
  let weight = 0;
  for (const run of runs) {
    weighted += run.y * run.width;
    weight += run.width;
  }
  const line: TextLine = {
    text: text.trim(),
    left: runs[0]!.x,
    right: extent(runs.map((r) => r.x + r.width)).max,
    y: weight > 0 ? weighted / weight : runs[0]!.y,
    size: extent(runs.map((r) => r.size)).max,
  };
  const confidence = lowestConfidence(runs);
  if (confidence !== undefined) line.confidence = confidence;
  return line;
}

/** Drops runs drawn again over themselves (exporters fake bold by printing text twice, offset). */
function dropOverprints(runs: TextRun[]): TextRun[] {
  const kept: TextRun[] = [];
  for (const run of runs) {
    const last = kept.at(-1);
    if (last && last.text === run.text && Math.abs(last.x - run.x) < 0.3 * run.size) continue;
    kept.push(run);
  }
  return kept;
}

/**
 * The separator between two wrapped lines of one paragraph: none between CJK (a line broken by
 * width is one sentence), one space between Latin words.
 */
export function wrapSeparator(before: string, after: string): string {
  if (latinLetter.test(before.at(-1) ?? '') && latinLetter.test(after[0] ?? '')) return ' ';
  // Letter-spaced CJK (部 门 整 体 自 评 得 分) keeps its spacing across the wrap.
  return letterSpacedEnd.test(before) && letterSpacedStart.test(after) ? ' ' : '';
}
