/** funds.projects-within-expenditure: the listed projects cannot have cost more than the unit spent in total. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { exceedsFails, sumOf } from './support/interval.js';
import { evidenceOf, type StatedFigure, show, showLike, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'funds.projects-within-expenditure',
    title: '项目金额不超支出总额',
    defaultSeverity: 'error',
    description: {
      summary: '「部门整体支出绩效目标」中列出的项目金额合计不应超过支出总额（按记载精度比较；约数不判错）。',
      correct: '列出项目合计150.62万元，支出总额801.86万元。',
      incorrect: '列出项目合计950.62万元，支出总额801.86万元。',
    },
    messages: {
      exceeds: '所列{{count}}个项目金额合计{{sum}}，超过支出总额{{expenditure}}（超出{{excess}}）',
      check: '请核对项目金额和支出总额',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const expenditure = stated(context, 'finance.expenditure', 'money');
    if (!expenditure) return;
    const amounts: StatedFigure[] = [];
    context.submission.report.finance.projects.forEach((_, i) => {
      const amount = stated(context, `finance.projects.${i}.amount`, 'money');
      if (amount) amounts.push(amount);
    });
    if (amounts.length === 0) return;
    const sum = sumOf(amounts.map((a) => a.quantity));
    if (!exceedsFails(sum, expenditure.quantity)) return;
    context.report({
      messageId: 'exceeds',
      data: {
        count: amounts.length,
        sum: showLike(sum.value, amounts),
        expenditure: show(expenditure),
        excess: showLike(sum.value.minus(expenditure.quantity.value), [expenditure, ...amounts]),
      },
      evidence: evidenceOf(expenditure, ...amounts),
      suggestion: 'check',
    });
  },
});
