/**
 * text.breakdown-sum: a narrative 「(共) N x，其中 A a、B b…」 clause whose parts cannot fit in the
 * total. Parts need not cover every category, so only Σ parts > total (or a lone part > total) is
 * an error. Clauses a typed extractor took (staffing, drug control, …) are left to their own rules.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { exceedsFails, sumOf } from './support/interval.js';
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

interface Breakdown {
  readonly total: ReadonlyFigure;
  readonly parts: readonly ReadonlyFigure[];
}

/** Every 其中 clause of the sentence with its total (nearest compatible figure before) and parts (the like figures after). */
export function breakdownsIn(sentence: ReadonlySentence): Breakdown[] {
  const found: Breakdown[] = [];
  const figures = [...sentence.figures].sort((a, b) => a.start - b.start);
  let at = sentence.text.indexOf(marker);
  while (at >= 0) {
    const next = sentence.text.indexOf(marker, at + marker.length);
    const end = next < 0 ? Number.POSITIVE_INFINITY : next;
    const after = figures.filter((f) => f.start >= at + marker.length && f.start < end);
    const first = after[0];
    const total =
      first && breakdownKinds.has(first.kind)
        ? figures.filter((f) => f.end <= at && compatible(f, first)).pop()
        : undefined;
    if (first && total) {
      // The parts are the run of like figures after 其中; the first unlike one (「…，发放补贴5万元，惠及群众300人」) ends it.
      const stop = after.findIndex((f) => !compatible(f, total));
      found.push({ total, parts: stop < 0 ? after : after.slice(0, stop) });
    }
    at = next;
  }
  return found;
}

/** Where the clause holding position `at` begins (after the previous comma, semicolon or colon). */
function clauseStart(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if ('，,；;：:。'.includes(text[i]!)) return i + 1;
  return 0;
}

export default defineRule({
  meta: {
    id: 'text.breakdown-sum',
    title: '「其中」分项不超总数',
    defaultSeverity: 'warning',
    description: {
      summary:
        '正文中「共N…，其中A…、B…」的分项之和不应超过总数（单个分项也不应超过总数）。编制、涉毒人员等已由专门规则检查的句子不在此重复检查。',
      correct: '共调处各类矛盾纠纷25起，其中疑难纠纷3起。',
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
      for (const { total, parts } of breakdownsIn(sentence)) {
        if (parts.length === 0 || total.usedBy !== null || parts.some((p) => p.usedBy !== null)) continue;
        const totalQ = figureQuantity(total);
        const partQs = parts.map(figureQuantity);
        const sum = sumOf(partQs);
        if (!exceedsFails(sum, totalQ)) continue;
        const last = parts[parts.length - 1]!;
        context.report({
          messageId: parts.length === 1 ? 'partExceeds' : 'partsExceed',
          data: {
            clause: sentence.text.slice(clauseStart(sentence.text, total.start), last.end),
            total: total.raw,
            parts: parts.map((p) => p.raw).join('、'),
            sum: showLikeFigure(sum.value, total, parts),
          },
          evidence: [total, ...parts].map((f) => figureEvidence(sentence, f)),
          suggestion: 'fix',
        });
      }
    }
  },
});
