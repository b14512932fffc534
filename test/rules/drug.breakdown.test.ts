/** drug.breakdown: 涉毒人员 = 死亡 + 羁押服刑 + 强制隔离 + 社区康复 + 戒断. */
import rule from '../../rules/drug.breakdown.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const d = 'facts.drugControl';

ruleTester.run(rule, {
  valid: [
    // The seed: 25 = 4 + 2 + 1 + 4 + 14.
    { name: 'the seed adds up', submission: submission().build() },
    // A category not mentioned (no 强制隔离 stated) leaves the breakdown unchecked.
    {
      name: 'an unstated category keeps the rule silent',
      submission: submission().set(`${d}.compulsoryRehab`, null).build(),
    },
    // An approximate total (涉毒人员20余人) never fails.
    {
      name: 'an approximate total never fails',
      submission: submission().set(`${d}.registered`, 20, { approximate: true }).build(),
    },
    // Other consistent figures.
    {
      name: 'other consistent figures add up',
      submission: submission().set(`${d}.registered`, 30).set(`${d}.abstinent`, 19).build(),
    },
  ],
  invalid: [
    // 16 abstinent instead of 14.
    {
      name: 'the categories exceed the total',
      submission: submission().set(`${d}.abstinent`, 16).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对涉毒人员总数与各类人数，使总数等于各类之和',
          data: {
            registered: '25人',
            deceased: '4人',
            imprisoned: '2人',
            compulsoryRehab: '1人',
            communityRehab: '4人',
            abstinent: '16人',
            sum: '27人',
          },
          message: '涉毒人员25人，但死亡4人、羁押服刑2人、强制隔离1人、社区康复4人、戒断16人合计27人',
          evidenceCount: 6,
        },
      ],
    },
    // The total is larger than the categories.
    {
      name: 'the total exceeds the categories',
      submission: submission().set(`${d}.registered`, 28).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对涉毒人员总数与各类人数，使总数等于各类之和',
          data: {
            registered: '28人',
            deceased: '4人',
            imprisoned: '2人',
            compulsoryRehab: '1人',
            communityRehab: '4人',
            abstinent: '14人',
            sum: '25人',
          },
        },
      ],
    },
    // A zero category still counts as stated.
    {
      name: 'a category stated as zero',
      submission: submission().set(`${d}.deceased`, 0).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对涉毒人员总数与各类人数，使总数等于各类之和',
          data: {
            registered: '25人',
            deceased: '0人',
            imprisoned: '2人',
            compulsoryRehab: '1人',
            communityRehab: '4人',
            abstinent: '14人',
            sum: '21人',
          },
        },
      ],
    },
  ],
});
