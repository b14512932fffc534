/** scoring.table-total: Σ scores − Σ deductions = 部门整体自评得分. */
import rule from '../../rules/scoring.table-total.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

ruleTester.run(rule, {
  valid: [
    // The seed: 97 points scored, nothing deducted, total 97.
    { name: 'the seed totals 97', submission: submission().build() },
    // 2 points deducted: 97 − 2 = 95.
    {
      name: 'a deduction lowers the total',
      submission: submission().set('scoring.items.13.score', 2).set('scoring.tableTotal', 95).build(),
    },
    // The deduction written as −2 means the same.
    {
      name: 'a deduction written as a negative number',
      submission: submission().set('scoring.items.13.score', -2).set('scoring.tableTotal', 95).build(),
    },
    // Half points: 9.5 instead of 9 gives 97.5.
    {
      name: 'half points add up exactly',
      submission: submission().set('scoring.items.9.score', 9.5).set('scoring.tableTotal', 97.5).build(),
    },
    // An unread score leaves the sum unknown.
    {
      name: 'an unread score keeps the rule silent',
      submission: submission().set('scoring.items.2.score', null).build(),
    },
  ],
  invalid: [
    // The total claims 99 where the items give 97.
    {
      name: 'a total above the items',
      submission: submission().set('scoring.tableTotal', 99).build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { sum: '97分', deductions: '0分', expected: '97分', total: '99分' },
          message: '打分表各指标自评打分合计97分，扣分0分，应得97分，但部门整体自评得分为99分',
          suggestion: '部门整体自评得分应为97分，或核对各指标自评打分',
          evidenceCount: 15,
        },
      ],
    },
    // A deduction that the total forgot.
    {
      name: 'a deduction not taken off the total',
      submission: submission().set('scoring.items.13.score', 2).build(),
      errors: [{ messageId: 'mismatch', data: { sum: '97分', deductions: '2分', expected: '95分', total: '97分' } }],
    },
    // 执行进度 rescored from 3 to 5 without updating the total.
    {
      name: 'an item rescored without updating the total',
      submission: submission().set('scoring.items.6.score', 5).build(),
      errors: [{ messageId: 'mismatch', data: { sum: '99分', deductions: '0分', expected: '99分', total: '97分' } }],
    },
  ],
});
