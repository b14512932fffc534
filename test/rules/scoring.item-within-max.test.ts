/** scoring.item-within-max: 0 ≤ 自评打分 ≤ 指标分值 for every item; deductions ≤ the 扣分项's 分值. */
import rule from '../../rules/scoring.item-within-max.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

// Item 6 is 执行进度 (分值5, 自评3); item 13 is the 扣分项 (分值10, 扣0).
ruleTester.run(rule, {
  valid: [
    // The seed: every score within its item's points.
    { name: 'the seed scores within every maximum', submission: submission().build() },
    // Full marks and zero are both allowed.
    {
      name: 'full marks and zero are within bounds',
      submission: submission().set('scoring.items.6.score', 5).set('scoring.items.5.score', 0).build(),
    },
    // A deduction written as −2 is a deduction of 2 points.
    {
      name: 'a deduction written as a negative number',
      submission: submission().set('scoring.items.13.score', -2).build(),
    },
    // A score that could not be read stays silent.
    {
      name: 'an unread score keeps the rule silent',
      submission: submission().set('scoring.items.6.score', null).build(),
    },
  ],
  invalid: [
    // 执行进度 scored 6 out of 5.
    {
      name: 'a score above the item maximum',
      submission: submission().set('scoring.items.6.score', 6).build(),
      errors: [
        {
          messageId: 'aboveMax',
          data: { item: '执行进度', score: '6分', max: '5分' },
          message: '指标「执行进度」自评打分6分，超过指标分值5分',
          suggestion: '自评打分应不超过5分',
          evidenceCount: 2,
        },
      ],
    },
    // A negative score on an ordinary item.
    {
      name: 'a negative score',
      submission: submission().set('scoring.items.9.score', -1).build(),
      errors: [
        {
          messageId: 'negative',
          data: { item: '预算挂钩', score: '-1分', max: '10分' },
          suggestion: '自评打分应在0分至10分之间',
        },
      ],
    },
    // 扣分项 worth 10 points, 12 deducted.
    {
      name: 'a deduction above the 扣分项 points',
      submission: submission().set('scoring.items.13.score', 12).build(),
      errors: [
        {
          messageId: 'deductionAboveMax',
          suggestion: '自评打分应不超过10分',
          data: { item: '扣分项', score: '12分', max: '10分' },
          message: '扣分项扣分12分，超过其分值10分',
        },
      ],
    },
    // Two items over: one finding each, in table order.
    {
      name: 'two items over their maximum',
      submission: submission().set('scoring.items.0.score', 10.5).set('scoring.items.12.score', 6).build(),
      errors: [
        {
          messageId: 'aboveMax',
          suggestion: '自评打分应不超过10分',
          data: { item: '目标制定', score: '10.5分', max: '10分' },
        },
        {
          messageId: 'aboveMax',
          suggestion: '自评打分应不超过5分',
          data: { item: '应用反馈', score: '6分', max: '5分' },
        },
      ],
    },
  ],
});

/** On forms (SPEC §8): each 绩效指标 得分 within its 分值. */
ruleTester.run(rule, {
  valid: [{ name: 'a form with every score within its 分值', submission: overallForm().build() }],
  invalid: [
    {
      name: 'a form indicator scored 12 of 10',
      submission: overallForm().set('scoring.items.4.score', 12).build(),
      errors: [{ messageId: 'aboveMax', suggestion: '自评打分应不超过10分', evidenceCount: 2 }],
    },
  ],
});
