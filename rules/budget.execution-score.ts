/**
 * budget.execution-score: 预算执行率得分 = 分值 × min(执行率, 1) within the precision of the figures
 * (SPEC §6: the score is never above 分值), and no points for a blank 全年执行数.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { defineRule } from './rule.js';
import { lowerBound, upperBound } from './support/interval.js';
import { type Bounds, overlap, rateBounds, ratioBounds, showPercent, showStatedRate } from './support/ratio.js';
import { evidenceOf, show, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'budget.execution-score',
    title: '预算执行率得分计算正确',
    defaultSeverity: 'warning',
    description: {
      summary:
        '预算执行率得分应等于分值 × 执行率，执行率超过100%时按100%计（得分不超过分值）；全年执行数空白时不应得分。按各数字的记载精度比较。',
      correct: '分值10分，执行率76%，得分7.6分。',
      incorrect: '分值10分，执行率76%，得分10分（应为7.6分）；或全年执行数空白，得分10分。',
    },
    messages: {
      mismatch: '预算执行率分值{{max}} × 执行率{{rate}} = {{expected}}，与填报的得分{{score}}不符',
      fix: '预算执行率得分应为{{expected}}（执行率超过100%按100%计），或核对执行率',
      blankExecuted: '全年执行数空白，预算执行率却得{{score}}',
      fixBlank: '请填报全年执行数，或核对预算执行率得分',
    },
    options: z.strictObject({
      /**
       * Whether an 执行率 above 100% earns more than full marks (分值 × 执行率 uncapped). SPEC §6: never.
       * @default false
       */
      allowAboveFull: z.boolean().default(false),
    }),
  },
  check(context) {
    const budget = context.submission.report.budget;
    if (!budget) return;
    const score = stated(context, 'budget.score', 'points', '分');
    const max = stated(context, 'budget.max', 'points', '分');
    if (!score) return;
    if (budget.executed === null) {
      if (!score.quantity.value.isZero())
        context.report({
          messageId: 'blankExecuted',
          data: { score: show(score) },
          evidence: evidenceOf(score),
          suggestion: 'fixBlank',
        });
      return;
    }
    if (!max) return;
    const rate = stated(context, 'budget.rate', 'rate');
    let bounds: Bounds | null;
    let rateText: string;
    let rateValue: Decimal;
    const executed = stated(context, 'budget.executed', 'money');
    const divisor =
      stated(context, 'budget.adjusted', 'money') ??
      (budget.adjusted === null ? stated(context, 'budget.initial', 'money') : null);
    if (rate) {
      if (rate.quantity.approximate) return;
      bounds = rateBounds(rate);
      rateText = showStatedRate(rate);
      rateValue = rate.quantity.value;
    } else {
      // No stated 执行率: the score follows the one the funds give.
      if (!executed || !divisor || executed.quantity.approximate || divisor.quantity.approximate) return;
      bounds = ratioBounds(executed.quantity, divisor.quantity);
      rateValue = executed.quantity.value.div(divisor.quantity.value);
      rateText = showPercent(rateValue);
    }
    if (!bounds || score.quantity.approximate || max.quantity.approximate) return;
    const cap = (r: Decimal) => (context.options.allowAboveFull ? r : Decimal.min(r, 1));
    const expected: Bounds = {
      low: lowerBound(max.quantity).times(cap(Decimal.max(bounds.low, 0))),
      high: upperBound(max.quantity).times(cap(bounds.high)),
    };
    const stated_: Bounds = { low: lowerBound(score.quantity), high: upperBound(score.quantity) };
    if (overlap(expected, stated_)) return;
    const expectedValue = max.quantity.value.times(cap(rateValue));
    context.report({
      messageId: 'mismatch',
      data: {
        max: show(max),
        rate: rateText,
        expected: `${expectedValue.toDecimalPlaces(2).toString()}分`,
        score: show(score),
      },
      evidence: evidenceOf(score, max, rate, rate ? null : executed, rate ? null : divisor),
      suggestion: 'fix',
    });
  },
});
