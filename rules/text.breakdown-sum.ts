/**
 * text.breakdown-sum: a narrative 「(共) N x，其中 A a、B b…」 clause whose parts cannot fit in the
 * total. Parts need not cover every category, so only Σ parts > total (or one part > total) is a
 * finding. Parts are added up only when they split the total along one attribute (疑难/一般纠纷,
 * 女/男, 彝族/汉族); parts naming different attributes (女党员, 少数民族党员, 35岁以下) overlap, as do
 * parts given with 分别, and each of those is only held to the total. Clauses a typed extractor took
 * (staffing, drug control, …) are left to their own rules.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { exceedsFails, type Quantity, sumOf } from './support/interval.js';
import { partitionGroups } from './support/part-dimensions.js';
import {
  compatible,
  figureEvidence,
  figureQuantity,
  type ReadonlyFigure,
  type ReadonlySentence,
  showLikeFigure,
} from './support/sentence-figures.js';

const marker = '其中';
const breakdownKinds: ReadonlySet<string> = new Set(['count', 'money', 'area']);
/** Where the words qualifying a figure stop looking back. */
const clauseBreaks = '，,；;：:。';
/** Where the words of one listed part stop looking back: 「女性15人」 of 「其中男性30人、女性15人」. */
const listBreaks = `${clauseBreaks}、`;

interface Breakdown {
  readonly total: ReadonlyFigure;
  readonly parts: readonly ReadonlyFigure[];
  /** Words naming what the total counts (its label and the clause before it). */
  readonly totalWords: string;
  /** Words naming what each part counts: its label and the text since the previous figure (「35岁以下12人」). */
  readonly partWords: readonly string[];
  /** The parts are given with 分别 (「女党员、少数民族党员分别为35名、96名」): their attributes cannot be told apart. */
  readonly respectively: boolean;
}

/** An age qualifying the next part (「35岁以下12人」), not a figure of its own. */
function qualifiesNext(figure: ReadonlyFigure): boolean {
  return /岁$/.test(figure.unit);
}

/** Where the clause holding position `at` begins (after the previous comma, semicolon or colon), not before `floor`. */
function clauseStart(text: string, at: number, breaks = clauseBreaks, floor = 0): number {
  for (let i = at - 1; i >= floor; i--) if (breaks.includes(text[i]!)) return i + 1;
  return floor;
}

/** Where the words after position `at` end (「480人为男性」 keeps its label). */
function clauseEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) if (listBreaks.includes(text[i]!)) return i;
  return text.length;
}

/** Every 其中 clause of the sentence with its total (nearest compatible figure before) and parts (the like figures after). */
export function breakdownsIn(sentence: ReadonlySentence): Breakdown[] {
  const { text } = sentence;
  const found: Breakdown[] = [];
  const figures = [...sentence.figures].sort((a, b) => a.start - b.start);
  let at = text.indexOf(marker);
  while (at >= 0) {
    const next = text.indexOf(marker, at + marker.length);
    const end = next < 0 ? Number.POSITIVE_INFINITY : next;
    const after = figures.filter((f) => f.start >= at + marker.length && f.start < end && !qualifiesNext(f));
    const first = after[0];
    const total =
      first && breakdownKinds.has(first.kind)
        ? figures.filter((f) => f.end <= at && compatible(f, first)).pop()
        : undefined;
    if (first && total) {
      // The parts are the run of like figures after 其中; the first unlike one (「…，发放补贴5万元，惠及群众300人」) ends it.
      const stop = after.findIndex((f) => !compatible(f, total));
      const parts = stop < 0 ? after : after.slice(0, stop);
      const partWords = parts.map((part, i) => {
        const from = i === 0 ? at + marker.length : parts[i - 1]!.end;
        return `${text.slice(clauseStart(text, part.start, listBreaks, from), part.start)} ${part.label}`;
      });
      const last = parts[parts.length - 1];
      found.push({
        total,
        parts,
        totalWords: `${text.slice(clauseStart(text, total.start), total.start)} ${total.label}`,
        partWords,
        respectively: last !== undefined && text.slice(at, last.end).includes('分别'),
      });
    }
    at = next;
  }
  return found;
}

interface Excess {
  readonly parts: readonly ReadonlyFigure[];
  readonly sum: Quantity;
}

/** The parts, or groups of parts, that the total cannot hold: each part alone first, then each partition's sum. */
function excessesOf(breakdown: Breakdown, totalQ: Quantity): Excess[] {
  const { parts, partWords } = breakdown;
  const excesses: Excess[] = [];
  const groups = breakdown.respectively
    ? parts.map((part) => [part])
    : partitionGroups(
        breakdown.totalWords,
        parts.map((part, i) => ({ part, words: partWords[i]! })),
      );
  for (const group of groups) {
    const alone = group.filter((part) => exceedsFails(figureQuantity(part), totalQ));
    // A part that alone exceeds the total is the finding; its group's sum would only repeat it.
    for (const part of alone) excesses.push({ parts: [part], sum: figureQuantity(part) });
    if (alone.length > 0 || group.length < 2) continue;
    const sum = sumOf(group.map(figureQuantity));
    if (exceedsFails(sum, totalQ)) excesses.push({ parts: group, sum });
  }
  return excesses.sort((a, b) => a.parts[0]!.start - b.parts[0]!.start);
}

export default defineRule({
  meta: {
    id: 'text.breakdown-sum',
    title: '「其中」分项不超总数',
    defaultSeverity: 'warning',
    description: {
      summary:
        '正文中「共N…，其中A…、B…」的分项之和不应超过总数（单个分项也不应超过总数）。按不同属性列举的分项（如女党员、少数民族党员、35岁以下、大专以上学历）可能相互重叠，以及用「分别」列举的分项，只检查每个分项不超过总数。编制、涉毒人员等已由专门规则检查的句子不在此重复检查。',
      correct: '共调处各类矛盾纠纷25起，其中疑难纠纷3起；全乡党员120名，其中女党员35名、少数民族党员96名。',
      incorrect: '共调处各类矛盾纠纷25起，其中疑难纠纷30起。',
    },
    messages: {
      partExceeds: '「{{clause}}」中，分项{{parts}}超过总数{{total}}',
      partsExceed: '「{{clause}}」中，各分项{{parts}}合计{{sum}}，超过总数{{total}}',
      fix: '请核对总数和各分项数字',
    },
    options: z.strictObject({}),
  },
  check(context) {
    for (const sentence of context.extraction.sentences) {
      for (const breakdown of breakdownsIn(sentence)) {
        const { total, parts } = breakdown;
        if (parts.length === 0 || total.usedBy !== null || parts.some((p) => p.usedBy !== null)) continue;
        const clause = sentence.text.slice(
          clauseStart(sentence.text, total.start),
          clauseEnd(sentence.text, parts[parts.length - 1]!.end),
        );
        for (const excess of excessesOf(breakdown, figureQuantity(total))) {
          context.report({
            messageId: excess.parts.length === 1 ? 'partExceeds' : 'partsExceed',
            data: {
              clause,
              total: total.raw,
              parts: excess.parts.map((p) => p.raw).join('、'),
              sum: showLikeFigure(excess.sum.value, total, excess.parts),
            },
            evidence: [total, ...excess.parts].map((f) => figureEvidence(sentence, f)),
            suggestion: 'fix',
          });
        }
      }
    }
  },
});
