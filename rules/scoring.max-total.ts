/**
 * scoring.max-total: the 指标分值 of the non-deduction items add up to the table's full marks (100);
 * on a form the funds block's 预算执行率 分值 counts too (产出 50 + 效益 30 + 满意度 10 + 预算执行率 10).
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { quantity, sumFails, sumOf } from './support/interval.js';
import { evidenceOf, type StatedFigure, showLike, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'scoring.max-total',
    title: '指标分值合计为满分',
    defaultSeverity: 'warning',
    description: {
      summary: '打分表中各三级指标（扣分项除外）的分值合计应为满分100分。',
      correct: '13个三级指标分值合计100分。',
      incorrect: '13个三级指标分值合计105分。',
    },
    messages: {
      mismatch: '打分表各指标分值合计{{sum}}，应为{{expected}}',
      fix: '请核对各指标分值，使合计为{{expected}}',
    },
    options: z.strictObject({
      /** Full marks of the table. @default 100 */
      total: z.number().positive().default(100),
    }),
  },
  check(context) {
    const maxes: (StatedFigure | null)[] = [];
    context.submission.report.scoring.items.forEach((item, i) => {
      if (!item.deduction) maxes.push(stated(context, `scoring.items.${i}.max`, 'points', '分'));
    });
    const { budget, scoring } = context.submission.report;
    if (maxes.length === 0) return;
    if (budget && !scoring.items.some((item) => item.path.some((p) => p.includes('预算执行率')))) {
      // A form's 预算执行率 row is outside the indicator table but inside its 100 points.
      if (budget.max !== null) maxes.push(stated(context, 'budget.max', 'points', '分'));
    }
    if (maxes.length === 0 || maxes.some((m) => m === null)) return;
    const parts = maxes as StatedFigure[];
    const expected = quantity(context.options.total);
    const quantities = parts.map((m) => m.quantity);
    if (!sumFails(expected, quantities)) return;
    context.report({
      messageId: 'mismatch',
      data: { sum: showLike(sumOf(quantities).value, parts), expected: `${context.options.total}分` },
      evidence: evidenceOf(...parts),
      suggestion: 'fix',
    });
  },
});
