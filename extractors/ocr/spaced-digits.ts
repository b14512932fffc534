/**
 * Figures that OCR breaks with a space, joined again within one recognised box, before anything
 * reads the box's text.
 *
 * Full-width digits (８０１．８６万元, as some units type their figures) stand a whole em apart, and
 * PP-OCR reads the gap between two of them as a space now and then: 「低保２１２户、６０８人」 came
 * out 「低保21 2户、 60 8」 at a box confidence of 0.94, every digit above 0.95, and the report parser
 * then took 21 households, not 212. Chinese prose never puts a space inside a number, so a space
 * between two digits (or beside the decimal point between them) of a figure that stands in prose is
 * the recogniser's, and is taken out. Where the space may be real it is kept, and the box's figures
 * take the probability the recogniser left for "no space" (1 − the space's), so that they are listed
 * as 识别存疑 whatever the threshold:
 * - a box that is nothing but the spaced digits (「10 10」, 「1 2 3」: two cells or a list, as likely
 *   as one figure);
 * - a box a table's vertical ruling runs through (two cells read as one box);
 * - a result with two decimal points (「1.5 2.5」: two figures).
 *
 * Also a separator the recogniser doubts between two digits, whose runner-up is a decimal point
 * (参保率83：79%, 「：」 0.40 and 「.」 0.35), is read as the point; that is a guess, so the figure
 * takes the runner-up's probability.
 */
import type { RecognisedText } from './comparison-signs.js';

export interface DigitRepair {
  from: string;
  to: string;
  /** Why, in Chinese, for the extraction note. */
  reason: string;
  /** A space taken out of a figure: these are noted once a page, together (page-text.ts). */
  joined?: true;
}

/** Spaced digits left apart because the space may be real. */
export interface KeptApart {
  text: string;
  /** Why, in Chinese, for the extraction note. */
  reason: string;
}

/** Why the spaces in a figure were taken out, for the extraction note. */
export const spaceJoinReason = '数字中间的空格是识别时把字距当成了空格，已去掉';

export interface SpacedDigitsResult {
  /** The box with the spaces taken out, its characters and doubts indexing the new text. */
  box: RecognisedText;
  repairs: DigitRepair[];
  keptApart: KeptApart[];
  /** The lowest confidence a figure of the box is left with (undefined when no figure was doubted). */
  confidence: number | undefined;
}

const DIGIT = /[0-9０-９]/;
const POINT = /[.．]/;
/** A character a figure goes on with: a digit or its decimal point. */
const FIGURE_CHAR = /[0-9０-９.．]/;
/** A space the recogniser puts in: ASCII or ideographic. */
const SPACE = /[ \u3000]/;
/** What a separator read in place of a decimal point is (83：79%). */
const MISREAD_POINT = new Set(['：', ':', '，', ',', '·', '、', '。']);
/** A character this sure is not doubted (printed digits score 0.98 and up; misread points 0.4–0.6). */
const WEAK = 0.95;
/** A runner-up this likely is taken (the point of 83：79% had 0.35). */
const RUNNER_UP = 0.2;
/** The doubt of spaced digits kept apart in a box without character probabilities: as likely one figure as two. */
const UNKNOWN = 0.5;

interface Chain {
  /** Code point index of its first and one past its last character. */
  start: number;
  end: number;
  /** Indices of the spaces inside it. */
  spaces: number[];
}

/** The runs of digits broken only by single spaces (and decimal points) in `chars`. */
function spacedChains(chars: readonly string[]): Chain[] {
  const chains: Chain[] = [];
  let at = 0;
  while (at < chars.length) {
    if (!DIGIT.test(chars[at]!)) {
      at++;
      continue;
    }
    const start = at;
    const spaces: number[] = [];
    let end = at + 1;
    for (;;) {
      while (end < chars.length && FIGURE_CHAR.test(chars[end]!)) end++;
      // One space, then a digit, or a point and a digit (「801. 86」, 「3105． 2」, 「8 .5」).
      const next = chars[end + 1] ?? '';
      const afterNext = chars[end + 2] ?? '';
      const spaced =
        SPACE.test(chars[end] ?? '') &&
        (DIGIT.test(next) || (POINT.test(next) && DIGIT.test(afterNext) && !POINT.test(chars[end - 1]!)));
      if (!spaced) break;
      spaces.push(end);
      end += 1;
    }
    // A figure without a space inside is left to the other repairs.
    if (spaces.length > 0) chains.push({ start, end, spaces });
    at = end;
  }
  return chains;
}

/** The character on that side of the chain, past at most one space; undefined at the box's edge. */
function neighbour(chars: readonly string[], from: number, step: 1 | -1): string | undefined {
  let at = from;
  if (SPACE.test(chars[at] ?? '')) at += step;
  return chars[at];
}

/** Why the chain's spaces may be real, in Chinese, or null when they are the recogniser's. */
function realSpaceReason(chars: readonly string[], chain: Chain, straddlesCells: boolean): string | null {
  if (straddlesCells) return '该处文字跨过表格竖线，可能是两个单元格的数字';
  const before = neighbour(chars, chain.start - 1, -1);
  const after = neighbour(chars, chain.end, 1);
  if (before === undefined && after === undefined) return '空格前后可能是两个数字或编号';
  const joined = chars.slice(chain.start, chain.end).filter((char) => !SPACE.test(char));
  if (joined.filter((char) => POINT.test(char)).length > 1) return '空格前后各有小数点，可能是两个数字';
  return null;
}

/** The text of `chars` from `start` to `end`, spaces at `removed` left out. */
function without(chars: readonly string[], start: number, end: number, removed: ReadonlySet<number>): string {
  let out = '';
  for (let at = start; at < end; at++) if (!removed.has(at)) out += chars[at];
  return out;
}

/**
 * The box with its figures' recogniser spaces taken out and its doubted points read, each repair,
 * and the confidence a figure of the box is left with. `straddlesCells`: a table's vertical ruling
 * runs through the box.
 */
export function joinSpacedDigits(box: RecognisedText, straddlesCells = false): SpacedDigitsResult {
  const chars = Array.from(box.text);
  const probabilities = box.characters && box.characters.length === chars.length ? box.characters : undefined;
  const repairs: DigitRepair[] = [];
  const keptApart: KeptApart[] = [];
  let confidence: number | undefined;
  const lower = (p: number) => {
    confidence = confidence === undefined ? p : Math.min(confidence, p);
  };
  const out = [...chars];

  // A doubted separator between two digits whose runner-up is a decimal point.
  for (const doubt of box.doubts ?? []) {
    const char = chars[doubt.at] ?? '';
    if (doubt.skipped || !POINT.test(doubt.text) || doubt.p < RUNNER_UP || !MISREAD_POINT.has(char)) continue;
    if (!probabilities || probabilities[doubt.at]! >= WEAK) continue;
    if (!DIGIT.test(chars[doubt.at - 1] ?? '') || !DIGIT.test(chars[doubt.at + 1] ?? '')) continue;
    out[doubt.at] = doubt.text;
    lower(doubt.p);
    const from = figureAt(chars, doubt.at);
    repairs.push({
      from,
      to: figureAt(out, doubt.at),
      reason: `数字间的「${char}」识别把握仅${probabilities[doubt.at]!.toFixed(2)}，为「${doubt.text}」的把握${doubt.p.toFixed(2)}`,
    });
  }

  const removed = new Set<number>();
  for (const chain of spacedChains(out)) {
    const from = out.slice(chain.start, chain.end).join('');
    const reason = realSpaceReason(out, chain, straddlesCells);
    if (reason === null) {
      for (const at of chain.spaces) removed.add(at);
      repairs.push({
        from,
        to: without(out, chain.start, chain.end, removed),
        reason: spaceJoinReason,
        joined: true,
      });
    } else {
      // Kept apart, and doubted: the recogniser's own probability that there is no space.
      lower(probabilities ? Math.min(...chain.spaces.map((at) => 1 - probabilities[at]!)) : UNKNOWN);
      keptApart.push({ text: from, reason });
    }
  }

  if (removed.size === 0 && repairs.length === 0) return { box, repairs, keptApart, confidence };
  const kept = (_: unknown, at: number) => !removed.has(at);
  const shift = (at: number) => at - [...removed].filter((r) => r < at).length;
  return {
    box: {
      text: out.filter(kept).join(''),
      ...(probabilities ? { characters: probabilities.filter(kept) } : {}),
      ...(box.doubts
        ? {
            doubts: box.doubts
              // A runner-up for a space taken out goes with it; a glyph skipped before it stays before the next character.
              .filter((doubt) => doubt.skipped || !removed.has(doubt.at))
              .map((doubt) => ({ ...doubt, at: shift(doubt.at) })),
          }
        : {}),
    },
    repairs,
    keptApart,
    confidence,
  };
}

/** The figure around `at` (digits, points and the character at `at`), for the note. */
function figureAt(chars: readonly string[], at: number): string {
  let start = at;
  while (start > 0 && FIGURE_CHAR.test(chars[start - 1]!)) start--;
  let end = at + 1;
  while (end < chars.length && /[0-9０-９.．%％]/.test(chars[end]!)) end++;
  return chars.slice(start, end).join('');
}
