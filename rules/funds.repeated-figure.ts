/**
 * funds.repeated-figure: a project or fund stated in more than one place (the project list appears
 * in 一（四） and again in 三（二）) carries the same amount each time, within stated precision.
 */

import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { defineRule } from './rule.js';
import { mayEqual, type Quantity } from './support/interval.js';
import { type StatedFigure, show, statedFromEvidence } from './support/stated.js';

/**
 * Two statements of one amount agree when the finer one, rounded (四舍五入) to the coarser one's
 * last digit, gives the coarser one: 68.04万元 may be written 68万元, but 4.5万元 is not 4万元, and
 * two figures of the same precision must be equal. Odd precisions fall back to interval overlap.
 */
export function sameStatedAmount(a: Quantity, b: Quantity): boolean {
  const [coarse, fine] = a.half.gte(b.half) ? [a, b] : [b, a];
  if (coarse.half.isZero()) return coarse.value.eq(fine.value);
  const step = coarse.half.times(2);
  if (!coarse.value.mod(step).isZero()) return mayEqual(a, b);
  return fine.value.div(step).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(step).eq(coarse.value);
}

export default defineRule({
  meta: {
    id: 'funds.repeated-figure',
    title: '重复出现的金额一致',
    defaultSeverity: 'error',
    description: {
      summary:
        '同一项目或资金在报告中多处出现时（如「部门整体支出绩效目标」与「特定目标类项目绩效分析」），各处金额应一致。',
      correct: '两处均写「垃圾车运营维护费4万元」。',
      incorrect: '一处写「垃圾车运营维护费4万元」，另一处写「垃圾车运营维护费6万元」。',
    },
    messages: {
      differs: '「{{name}}」在报告中多处出现，金额不一致：{{first}}与{{other}}',
      fix: '请统一「{{name}}」在各处的金额',
    },
    options: z.strictObject({}),
  },
  check(context) {
    context.extraction.repeatedFigures.forEach((entry, i) => {
      const figures = entry.occurrences
        .map((occurrence, j) => statedFromEvidence(occurrence, `repeatedFigures.${i}.occurrences.${j}`, 'money'))
        .filter((f): f is StatedFigure => f !== null && !f.quantity.approximate);
      const [first, ...rest] = figures;
      if (!first) return;
      const differing = rest.filter((f) => !sameStatedAmount(first.quantity, f.quantity));
      if (differing.length === 0) return;
      context.report({
        messageId: 'differs',
        data: { name: entry.name, first: show(first), other: differing.map(show).join('、') },
        evidence: [first, ...differing].map((f) => f.evidence!),
        suggestion: 'fix',
      });
    });
  },
});
