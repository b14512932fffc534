/** funds.balance: 收入总额 − 支出总额 = 结转结余 (「无结转结余」 = 0), within the stated precision of the three figures. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { difference, mayEqual } from './support/interval.js';
import { allStated, evidenceOf, type StatedFigure, show, showLike, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'funds.balance',
    title: '收支与结转结余平衡',
    defaultSeverity: 'error',
    description: {
      summary:
        '收入总额减支出总额应等于结转结余；报告称「无结转结余」时收入总额应等于支出总额。按各数字的记载精度比较。',
      correct: '收入总额801.86万元，支出总额500.12万元，结转结余301.75万元（相差0.01万元，在记载精度以内）。',
      incorrect: '收入总额801.86万元，支出总额798.42万元，但报告称「本年无结转结余」。',
    },
    messages: {
      noCarryover: '收入总额{{income}}，支出总额{{expenditure}}，差额{{difference}}，但报告称无结转结余',
      mismatch: '收入总额{{income}}，支出总额{{expenditure}}，差额{{difference}}，与结转结余{{carryover}}不符',
      fix: '请核对收入总额、支出总额和结转结余，使收入总额 − 支出总额 = 结转结余',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const figures = allStated([
      stated(context, 'finance.income', 'money'),
      stated(context, 'finance.expenditure', 'money'),
      stated(context, 'finance.carryover', 'money'),
    ]);
    if (!figures) return;
    const [income, expenditure, carryover] = figures as [StatedFigure, StatedFigure, StatedFigure];
    if (income.quantity.approximate || expenditure.quantity.approximate || carryover.quantity.approximate) return;
    const net = difference(income.quantity, expenditure.quantity);
    if (mayEqual(net, carryover.quantity)) return;
    context.report({
      messageId: carryover.quantity.value.isZero() ? 'noCarryover' : 'mismatch',
      data: {
        income: show(income),
        expenditure: show(expenditure),
        difference: showLike(net.value, [income, expenditure]),
        carryover: show(carryover),
      },
      evidence: evidenceOf(income, expenditure, carryover),
      suggestion: 'fix',
    });
  },
});
