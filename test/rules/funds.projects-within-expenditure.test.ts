/** funds.projects-within-expenditure: Σ listed project amounts ≤ 支出总额, within precision. */
import rule from '../../rules/funds.projects-within-expenditure.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

ruleTester.run(rule, {
  valid: [
    // The seed: 150.62万元 of projects within 801.86万元.
    { name: 'the seed lists 150.62万元 of projects within 801.86万元', submission: submission().build() },
    // Projects adding up to exactly the expenditure are fine.
    {
      name: 'projects equal to the expenditure',
      submission: submission().set('finance.expenditure', 1_506_200).build(),
    },
    // 150.6万元 (±500元) vs 150.62万元 of projects (68万、42万、4万 each ±5000元): within precision.
    {
      name: 'an excess within the stated precision passes',
      submission: submission().set('finance.expenditure', 1_506_000, { halfUnit: 500, unit: '万元' }).build(),
    },
    // An approximate amount (约900万元) cannot prove an overspend.
    {
      name: 'an approximate project amount never fails',
      submission: submission().set('finance.projects.0.amount', 9_000_000, { approximate: true }).build(),
    },
    // No expenditure stated: nothing to compare with.
    {
      name: 'an unstated expenditure keeps the rule silent',
      submission: submission().set('finance.expenditure', null).build(),
    },
  ],
  invalid: [
    // 支出总额100万元 against 150.62万元 of projects.
    {
      name: 'projects beyond a 100万元 expenditure',
      submission: submission().set('finance.expenditure', 1_000_000, { halfUnit: 5000 }).build(),
      errors: [
        {
          messageId: 'exceeds',
          suggestion: '请核对项目金额和支出总额',
          data: { count: 6, sum: '150.62万元', expenditure: '100万元', excess: '50.62万元' },
          message: '所列6个项目金额合计150.62万元，超过支出总额100万元（超出50.62万元）',
          evidenceCount: 7,
        },
      ],
    },
    // One project mistyped as 868万元.
    {
      name: 'one mistyped project amount',
      submission: submission().set('finance.projects.0.amount', 8_680_000).build(),
      errors: [
        {
          messageId: 'exceeds',
          suggestion: '请核对项目金额和支出总额',
          data: { count: 6, sum: '950.62万元', expenditure: '801.86万元', excess: '148.76万元' },
        },
      ],
    },
    // A project without an amount is left out of the sum; the rest still exceed.
    {
      name: 'a project without an amount is left out',
      submission: submission()
        .set('finance.projects.1.amount', null)
        .set('finance.expenditure', 1_000_000, { halfUnit: 0.5, unit: '元' })
        .build(),
      errors: [
        {
          messageId: 'exceeds',
          suggestion: '请核对项目金额和支出总额',
          data: { count: 5, sum: '108.62万元', expenditure: '1,000,000元', excess: '8.62万元' },
        },
      ],
    },
  ],
});
