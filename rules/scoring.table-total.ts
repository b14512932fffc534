/**
 * scoring.table-total: Σ scores of the non-deduction items − Σ deductions = 部门整体自评得分; on a form
 * (SPEC §8) the 预算执行率得分 of the funds block counts too: Σ 得分 + 预算执行率得分 = 总分.
 */
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
      mismatchForm: '各绩效指标得分合计{{sum}}，加预算执行率得分{{budgetScore}}，应为{{expected}}，但总分为{{total}}',
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
    const budgetScore = formBudgetScore(context);
    if (budgetScore === undefined) return;
    const sum = sumOf(scored.map((s) => s.quantity));
    // Deductions are written either as 2 or as −2: only their size counts.
    const deduction = sumOf(deducted.map((d) => ({ ...d.quantity, value: d.quantity.value.abs() })));
    const expected = difference(budgetScore ? sumOf([sum, budgetScore.quantity]) : sum, deduction);
    if (expected.approximate || total.quantity.approximate || mayEqual(expected, total.quantity)) return;
    const all = [total, ...scored, ...deducted, ...(budgetScore ? [budgetScore] : [])];
    const data = {
      sum: showLike(sum.value, all),
      deductions: showLike(deduction.value, all),
      expected: showLike(expected.value, all),
      total: show(total),
    };
    context.report({
      ...(budgetScore
        ? { messageId: 'mismatchForm', data: { ...data, budgetScore: show(budgetScore) } }
        : { messageId: 'mismatch', data }),
      evidence: evidenceOf(total, ...scored, ...deducted, budgetScore),
      suggestion: 'fix',
    });
  },
});

/**
 * The funds block's 预算执行率得分 when the 总分 includes it (a form, or a report with a form attached):
 * null when there is none to add, undefined when it is blank on a block that has a 分值 (unknown sum).
 * A table that lists 预算执行率 among its own items already counts it.
 */
function formBudgetScore(context: Parameters<typeof stated>[0]): StatedFigure | null | undefined {
  const { budget, scoring } = context.submission.report;
  if (!budget || scoring.items.some((item) => item.path.some((p) => p.includes('预算执行率')))) return null;
  const score = stated(context, 'budget.score', 'points', '分');
  if (score) return score;
  return budget.max === null ? null : undefined;
}
