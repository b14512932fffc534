/** scoring.conclusion-matches-table: the score in 评价结论 = 部门整体自评得分. */
import rule from '../../rules/scoring.conclusion-matches-table.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

ruleTester.run(rule, {
  valid: [
    // The seed: 绩效评价得分：97分, and 97 in the table.
    { name: 'the seed states 97 in both places', submission: submission().build() },
    // No score in the conclusion: nothing to compare.
    {
      name: 'a conclusion without a score is silent',
      submission: submission().set('scoring.conclusionScore', null).build(),
    },
    // Both changed consistently.
    {
      name: 'both places changed consistently',
      submission: submission().set('scoring.conclusionScore', 95.5).set('scoring.tableTotal', 95.5).build(),
    },
    // An approximate conclusion (约95分) never fails.
    {
      name: 'an approximate conclusion never fails',
      submission: submission().set('scoring.conclusionScore', 95, { approximate: true }).build(),
    },
  ],
  invalid: [
    // 98 claimed in the text, 97 in the table.
    {
      name: 'the conclusion claims more than the table',
      submission: submission().set('scoring.conclusionScore', 98).build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { conclusion: '98分', table: '97分' },
          message: '评价结论中的得分98分与打分表部门整体自评得分97分不一致',
          suggestion: '请统一评价结论与打分表中的得分',
          evidenceCount: 2,
        },
      ],
    },
    // The table total changed, the conclusion not.
    {
      name: 'the table changed but not the conclusion',
      submission: submission().set('scoring.tableTotal', 95).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请统一评价结论与打分表中的得分',
          data: { conclusion: '97分', table: '95分' },
        },
      ],
    },
    // A misplaced decimal point.
    {
      name: 'a misplaced decimal point',
      submission: submission().set('scoring.conclusionScore', 9.7).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请统一评价结论与打分表中的得分',
          data: { conclusion: '9.7分', table: '97分' },
        },
      ],
    },
  ],
});
