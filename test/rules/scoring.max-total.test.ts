/** scoring.max-total: Σ 指标分值 of non-deduction items = 100. */
import rule from '../../rules/scoring.max-total.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

ruleTester.run(rule, {
  valid: [
    // The seed: 13 items worth 100 points in all.
    { name: 'the seed totals 100 points', submission: submission().build() },
    // The 扣分项's own 10 points are not part of the 100.
    { name: 'the deduction row is not counted', submission: submission().set('scoring.items.13.max', 20).build() },
    // An unread 分值 leaves the total unknown.
    {
      name: 'an unread item maximum keeps the rule silent',
      submission: submission().set('scoring.items.0.max', null).build(),
    },
    // A table with other full marks, configured.
    {
      name: 'full marks are an option',
      submission: submission().set('scoring.items.0.max', 20).build(),
      options: { total: 110 },
    },
  ],
  invalid: [
    // One item raised from 10 to 15 points.
    {
      name: 'items worth 105 points',
      submission: submission().set('scoring.items.0.max', 15).build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { sum: '105分', expected: '100分' },
          message: '打分表各指标分值合计105分，应为100分',
          suggestion: '请核对各指标分值，使合计为100分',
          evidenceCount: 13,
        },
      ],
    },
    // An item dropped to 0 points.
    {
      name: 'items worth 95 points',
      submission: submission().set('scoring.items.5.max', 0).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对各指标分值，使合计为100分',
          data: { sum: '95分', expected: '100分' },
        },
      ],
    },
    // Half points count exactly.
    {
      name: 'items worth 100.5 points',
      submission: submission().set('scoring.items.12.max', 5.5).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对各指标分值，使合计为100分',
          data: { sum: '100.5分', expected: '100分' },
        },
      ],
    },
    // The seed against a configured total of 120.
    {
      name: 'the seed against other configured full marks',
      submission: submission().build(),
      options: { total: 120 },
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对各指标分值，使合计为120分',
          data: { sum: '100分', expected: '120分' },
        },
      ],
    },
  ],
});

/** On forms (SPEC §8): 产出 50 + 效益 30 + 满意度 10 + 预算执行率 10 = 100. */
ruleTester.run(rule, {
  valid: [{ name: 'a form: 90 in the indicators + 预算执行率 10 = 100', submission: overallForm().build() }],
  invalid: [
    // The indicator 分值 add up to 100 on their own, so with 预算执行率 the form has 110.
    {
      name: 'a form whose indicators alone are worth 100',
      submission: overallForm().set('scoring.items.0.max', 30).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对各指标分值，使合计为100分',
          data: { sum: '110分', expected: '100分' },
          evidenceCount: 6,
        },
      ],
    },
  ],
});
