/**
 * The comparison sign of a target (≥95%, ≤1350万元) as OCR damages it, repaired from what the
 * recogniser itself says about the character, and the confidence a figure of a box really has.
 *
 * PP-OCR reads 「≥」 and 「≤」 weakly: right, they score 0.6–0.97 where a printed digit scores 0.98 or
 * more, and wrong they come out as 「2」 (the glyph's curve and bar), 「<」 or 「>」. A target read as
 * 2300户 for ≥300户 silently becomes a missed target, so a sign is taken back only on the
 * recogniser's own evidence, in the place a sign stands (before the first digit of a figure):
 * - its runner-up for that character is ≥ or ≤ (2300户 with 「≥」 second: ≥300户; <1350万元 with 「≤」 second);
 * - a weak 「2」 before a percentage that would exceed 100% without being one (295% → ≥95%);
 * - a weak 「2」 opening a box that is only a figure with its unit (a target cell: 21500人次), every
 *   other digit of it read surely (a blurred scan weakens all of them, and is left alone).
 * Each repaired character takes the probability the recogniser left for the reading chosen (the
 * runner-up's, or what the top choice did not take), so that the figure is listed as 识别存疑
 * whichever threshold is set: a repair says what it probably is, never that it is sure.
 */

/** A recognised box as the repairs need it (ocr-page.ts OcrTextBox). */
export interface RecognisedText {
  text: string;
  /** Probability of each code point of `text`; absent in records made before the engine gave them. */
  characters?: readonly number[];
  doubts?: readonly { at: number; text: string; p: number; skipped?: true }[];
}

export interface SignRepair {
  from: string;
  to: string;
  /** Why, in Chinese, for the extraction note. */
  reason: string;
}

/** A printed digit below this is one the recogniser doubts (true leading digits scored 0.984 and up). */
const WEAK_DIGIT = 0.95;
/** A runner-up sign at least this likely is taken: the misread signs had 0.22–0.42, a right 「2」 none. */
const SIGN_RUNNER_UP = 0.15;
const SIGNS = new Set(['≥', '≤']);
/** What the recogniser reads a comparison sign as. */
const MISREAD_AS = new Set(['2', '<', '>', '＜', '＞']);
const DIGIT = /[0-9]/;
/** A figure with its unit filling the box: a target or actual cell (300户, 95%, 1350万元, 12平方公里). */
const FIGURE_WITH_UNIT = /^2(\d+(?:\.\d+)?)(%|％|‰|[\u4e00-\u9fff]{1,4})$/;
const PERCENT_AFTER = /^(\d+(?:\.\d+)?)[%％]/;

function startsFigure(chars: readonly string[], at: number): boolean {
  const before = chars[at - 1];
  return DIGIT.test(chars[at + 1] ?? '') && (before === undefined || !/[0-9.,，．]/.test(before));
}

/**
 * The box's text with its comparison signs repaired, each repair, and the lowest confidence of a
 * repaired character (undefined when none was).
 */
export function repairComparisonSigns(box: RecognisedText): {
  text: string;
  repairs: SignRepair[];
  confidence: number | undefined;
} {
  const chars = Array.from(box.text);
  const probabilities = box.characters;
  if (!probabilities || probabilities.length !== chars.length) {
    return { text: box.text, repairs: [], confidence: undefined };
  }
  const repairs: SignRepair[] = [];
  let confidence: number | undefined;
  const out = [...chars];
  const inserted = new Map<number, string>();
  for (const doubt of box.doubts ?? []) {
    // A sign read as nothing, right before the first digit of a figure (≥95% read as 95%).
    const digit = chars[doubt.at] ?? '';
    const before = chars[doubt.at - 1];
    if (!doubt.skipped || !SIGNS.has(doubt.text) || doubt.p < SIGN_RUNNER_UP || !DIGIT.test(digit)) continue;
    if (before !== undefined && /[0-9.,，．≥≤<>＜＞=]/.test(before)) continue;
    inserted.set(doubt.at, doubt.text);
    confidence = confidence === undefined ? doubt.p : Math.min(confidence, doubt.p);
    repairs.push({
      from: figureAround(chars, doubt.at),
      to: doubt.text + figureAround(chars, doubt.at),
      reason: `「${figureAround(chars, doubt.at)}」前有一个字未识别出来，它为「${doubt.text}」的把握${doubt.p.toFixed(2)}`,
    });
  }
  for (let at = 0; at < chars.length; at++) {
    const char = chars[at]!;
    const p = probabilities[at]!;
    if (!MISREAD_AS.has(char) || p >= WEAK_DIGIT || !startsFigure(chars, at)) continue;
    const doubt = box.doubts?.find((candidate) => candidate.at === at && !candidate.skipped);
    let sign: string | undefined;
    let signP = 1 - p;
    let reason = '';
    if (doubt && SIGNS.has(doubt.text) && doubt.p >= SIGN_RUNNER_UP) {
      sign = doubt.text;
      signP = doubt.p;
      reason = `该字识别为「${char}」的把握${p.toFixed(2)}，为「${sign}」的把握${doubt.p.toFixed(2)}`;
    } else if (char === '2') {
      const rest = chars.slice(at + 1).join('');
      const percent = PERCENT_AFTER.exec(rest);
      const whole = at === 0 ? FIGURE_WITH_UNIT.exec(box.text) : null;
      const othersSure = probabilities.every((q, i) => i === at || !DIGIT.test(chars[i]!) || q >= WEAK_DIGIT);
      if (percent && Number(percent[1]) <= 100 && Number(`2${percent[1]}`) > 100) {
        sign = '≥';
        reason = `「2${percent[1]}%」超过100%，而「2」识别把握仅${p.toFixed(2)}，应为比较符号`;
      } else if (whole && othersSure) {
        sign = '≥';
        reason = `指标值开头的「2」识别把握仅${p.toFixed(2)}，其余数字均清楚，应为比较符号`;
      }
    }
    if (sign === undefined) continue;
    out[at] = sign;
    confidence = confidence === undefined ? signP : Math.min(confidence, signP);
    const from = figureAround(chars, at);
    repairs.push({ from, to: figureAround(out, at), reason });
  }
  return { text: out.map((char, at) => (inserted.get(at) ?? '') + char).join(''), repairs, confidence };
}

/** The figure starting at `at` with its unit, for the note (「2300户」). */
function figureAround(chars: readonly string[], at: number): string {
  let end = at + 1;
  while (end < chars.length && /[0-9.,，．%％‰\u4e00-\u9fff]/.test(chars[end]!) && end - at < 12) end++;
  return chars.slice(at, end).join('');
}

/**
 * The confidence of the box's figures: the box's mean, or its weakest digit when lower. The mean of
 * a long box hides one doubtful digit (2300户: 0.88 with its 「2」 at 0.43), and a digit is what a
 * finding rests on; a weak Chinese character of a label is not.
 */
export function figureConfidence(box: RecognisedText & { confidence: number }): number {
  const chars = Array.from(box.text);
  let lowest = box.confidence;
  if (!box.characters || box.characters.length !== chars.length) return lowest;
  chars.forEach((char, i) => {
    if (DIGIT.test(char)) lowest = Math.min(lowest, box.characters![i]!);
  });
  return lowest;
}
