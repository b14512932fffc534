/** scoring.table-total: Σ scores of the non-deduction items − Σ deductions = 部门整体自评得分. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { difference, mayEqual, sumOf } from './support/interval.js';
import { evidenceOf, type StatedFigure, show, showLike, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'scoring.table-total',
    title: '自评得分合计',
    defaultSeverity: 'error',
    description: {
      summary: '打分表中各指标自评打分之和减去扣分项扣分，应等于「部门整体自评得分」。',
      correct: '各指标自评打分合计97分，扣分0分，部门整体自评得分97分。',
      incorrect: '各指标自评打分合计97分，扣分0分，部门整体自评得分99分。',
    },
    messages: {
      mismatch: '打分表各指标自评打分合计{{sum}}，扣分{{deductions}}，应得{{expected}}，但部门整体自评得分为{{total}}',
      fix: '部门整体自评得分应为{{expected}}，或核对各指标自评打分',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const total = stated(context, 'scoring.tableTotal', 'points', '分');
    if (!total) return;
    const scores: (StatedFigure | null)[] = [];
    const deductions: (StatedFigure | null)[] = [];
    context.submission.report.scoring.items.forEach((item, i) => {
      (item.deduction ? deductions : scores).push(stated(context, `scoring.items.${i}.score`, 'points', '分'));
    });
    if (scores.length === 0 || scores.some((s) => s === null) || deductions.some((d) => d === null)) return;
    const scored = scores as StatedFigure[];
    const deducted = deductions as StatedFigure[];
    const sum = sumOf(scored.map((s) => s.quantity));
    // Deductions are written either as 2 or as −2: only their size counts.
    const deduction = sumOf(deducted.map((d) => ({ ...d.quantity, value: d.quantity.value.abs() })));
    const expected = difference(sum, deduction);
    if (expected.approximate || total.quantity.approximate || mayEqual(expected, total.quantity)) return;
    const all = [total, ...scored, ...deducted];
    context.report({
      messageId: 'mismatch',
      data: {
        sum: showLike(sum.value, all),
        deductions: showLike(deduction.value, all),
        expected: showLike(expected.value, all),
        total: show(total),
      },
      evidence: evidenceOf(total, ...scored, ...deducted),
      suggestion: 'fix',
    });
  },
});
