/** welfare.per-capita: funds ÷ persons per year within a configurable range for each benefit. */
import rule from '../../rules/welfare.per-capita.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

// Benefits: 0 低保 608人 165.7206万元; 1 特困 33人 27.2763万元; 2 高龄补贴 166人 7.156万元;
// 3 重度残疾人护理补贴 135人 11.089万元; 4 困难残疾人生活补贴 80人 9.21万元; 5 新增监测户 (no funds).
ruleTester.run(rule, {
  valid: [
    // The seed: 2725.7, 8265.5, 431.1, 821.4 and 1151.3 元 per person, all within the defaults.
    { name: 'the seed lies within every default range', submission: submission().build() },
    // A benefit with no matching keyword is not checked.
    {
      name: 'a benefit without a configured range is skipped',
      submission: submission()
        .mutate((s) => {
          s.report.facts.welfare.benefits[2]!.label = '临时救助';
        })
        .set('facts.welfare.benefits.2.funds', 10)
        .build(),
    },
    // Options widen a range: 高龄 up to 100元 per person is then fine.
    {
      name: 'a configured range replaces the default',
      submission: submission().set('facts.welfare.benefits.2.funds', 8_300, { halfUnit: 0.5 }).build(),
      options: { ranges: { 高龄: { min: 10, max: 5_000 } } },
    },
    // An approximate amount never fails.
    {
      name: 'an approximate amount never fails',
      submission: submission().set('facts.welfare.benefits.1.funds', 2_000_000, { approximate: true }).build(),
    },
  ],
  invalid: [
    // 低保 1657.206万元 for 608 persons: a misplaced 万 gives 27,257元 each.
    {
      name: 'a misplaced 万 in the 低保 funds',
      submission: submission()
        .set('facts.welfare.benefits.0.funds', 16_572_060, { halfUnit: 5 })
        .set('facts.welfare.dibaoFunds', 16_572_060, { halfUnit: 5 })
        .build(),
      errors: [
        {
          messageId: 'outOfRange',
          suggestion: '请核对低保的发放金额（万元/元）和人数',
          data: {
            label: '低保',
            funds: '1657.206万元',
            persons: '608人',
            perCapita: '27,256.7元',
            direction: '高于',
            min: '600元',
            max: '15,000元',
          },
          message: '低保发放资金1657.206万元，人数608人，人均27,256.7元/年，高于合理区间600元至15,000元',
          evidenceCount: 2,
        },
      ],
    },
    // 高龄补贴 7.156万元 for 1660 persons: 43.1元 each, below the 100元 floor.
    {
      name: 'a head count ten times too large',
      submission: submission().set('facts.welfare.benefits.2.persons', 1_660).build(),
      errors: [
        {
          messageId: 'outOfRange',
          suggestion: '请核对高龄补贴的发放金额（万元/元）和人数',
          data: {
            label: '高龄补贴',
            funds: '7.156万元',
            persons: '1660人',
            perCapita: '43.1元',
            direction: '低于',
            min: '100元',
            max: '5,000元',
          },
        },
      ],
    },
    // A configured range makes the seed's 特困 (8265.5元) too high.
    {
      name: 'a configured range applies to its keyword',
      submission: submission().build(),
      options: { ranges: { 特困: { min: 1_000, max: 6_000 } } },
      errors: [
        {
          messageId: 'outOfRange',
          suggestion: '请核对特困的发放金额（万元/元）和人数',
          data: {
            label: '特困',
            funds: '27.2763万元',
            persons: '33人',
            perCapita: '8,265.5元',
            direction: '高于',
            min: '1,000元',
            max: '6,000元',
          },
        },
      ],
    },
  ],
});
