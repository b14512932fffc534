/**
 * budget.execution-rate: a form's stated 执行率 = 全年执行数 ÷ 全年预算数 (÷ 年初预算数 where the form
 * has no 全年预算数), within the precision of the three figures (SPEC §6, §8).
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { overlap, rateBounds, ratioBounds, showPercent, showStatedRate } from './support/ratio.js';
import { evidenceOf, show, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'budget.execution-rate',
    title: '预算执行率计算正确',
    defaultSeverity: 'error',
    description: {
      summary:
        '绩效自评表资金情况中填报的执行率应等于全年执行数 ÷ 全年预算数（没有全年预算数一栏时 ÷ 年初预算数），按各数字的记载精度比较。',
      correct: '全年预算数2030.12万元，全年执行数2030.12万元，执行率100%。',
      incorrect: '全年预算数50万元，全年执行数38万元，执行率填报为100%（应为76.00%）。',
    },
    messages: {
      mismatch: '全年执行数{{executed}} ÷ {{budgetLabel}}{{budget}} = {{computed}}，与填报的执行率{{rate}}不符',
      fix: '执行率应为{{computed}}，或核对{{budgetLabel}}和全年执行数',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const budget = context.submission.report.budget;
    if (!budget) return;
    const rate = stated(context, 'budget.rate', 'rate');
    const executed = stated(context, 'budget.executed', 'money');
    const adjusted = stated(context, 'budget.adjusted', 'money');
    // SPEC §6: ÷ 年初预算数 only where the form has no 全年预算数 at all.
    const divisor = adjusted ?? (budget.adjusted === null ? stated(context, 'budget.initial', 'money') : null);
    if (!rate || !executed || !divisor) return;
    if (rate.quantity.approximate || executed.quantity.approximate || divisor.quantity.approximate) return;
    const computed = ratioBounds(executed.quantity, divisor.quantity);
    if (!computed || overlap(computed, rateBounds(rate))) return;
    context.report({
      messageId: 'mismatch',
      data: {
        executed: show(executed),
        budgetLabel: divisor === adjusted ? '全年预算数' : '年初预算数',
        budget: show(divisor),
        computed: showPercent(executed.quantity.value.div(divisor.quantity.value)),
        rate: showStatedRate(rate),
      },
      evidence: evidenceOf(rate, executed, divisor),
      suggestion: 'fix',
    });
  },
});
