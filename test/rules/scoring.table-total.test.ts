/** scoring.table-total: Σ scores − Σ deductions = 部门整体自评得分. */
import rule from '../../rules/scoring.table-total.js';
import { overallForm } from './support/form-builder.js';
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
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '部门整体自评得分应为95分，或核对各指标自评打分',
          data: { sum: '97分', deductions: '2分', expected: '95分', total: '97分' },
        },
      ],
    },
    // 执行进度 rescored from 3 to 5 without updating the total.
    {
      name: 'an item rescored without updating the total',
      submission: submission().set('scoring.items.6.score', 5).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '部门整体自评得分应为99分，或核对各指标自评打分',
          data: { sum: '99分', deductions: '0分', expected: '99分', total: '97分' },
        },
      ],
    },
  ],
});

/** On forms (SPEC §8): Σ 得分 + 预算执行率得分 = 总分. */
ruleTester.run(rule, {
  valid: [
    // 90 from the indicators + 10 for 预算执行率 = 100.
    { name: 'a form: 90 + 预算执行率 10 = 总分 100', submission: overallForm().build() },
    // 76% execution: 90 + 7.6 = 97.6.
    {
      name: 'a form with 7.6 points for 预算执行率',
      submission: overallForm().set('budget.score', 7.6, { halfUnit: 0.05 }).set('scoring.tableTotal', 97.6).build(),
    },
  ],
  invalid: [
    // The real case: indicator scores adding to 110 under a 总分 of 100.
    {
      name: 'a form whose scores add up to 110 under a 总分 of 100',
      submission: overallForm().set('scoring.items.0.score', 30).set('scoring.items.0.max', 30).build(),
      errors: [
        {
          messageId: 'mismatchForm',
          data: { sum: '100分', budgetScore: '10分', deductions: '0分', expected: '110分', total: '100分' },
          message: '各绩效指标得分合计100分，加预算执行率得分10分，应为110分，但总分为100分',
          suggestion: '部门整体自评得分应为110分，或核对各指标自评打分',
          evidenceCount: 7,
        },
      ],
    },
    // The 总分 left out the 预算执行率 points: 90 stated where 100 is due.
    {
      name: 'a form whose 总分 forgot the 预算执行率 points',
      submission: overallForm().set('scoring.tableTotal', 90).build(),
      errors: [
        {
          messageId: 'mismatchForm',
          suggestion: '部门整体自评得分应为100分，或核对各指标自评打分',
          data: { sum: '90分', budgetScore: '10分', deductions: '0分', expected: '100分', total: '90分' },
        },
      ],
    },
  ],
});
