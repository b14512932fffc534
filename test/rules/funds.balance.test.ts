/** funds.balance: 收入总额 − 支出总额 = 结转结余 within the stated precision (SPEC §2 rounding bounds). */
import rule from '../../rules/funds.balance.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const wan = { halfUnit: 50, unit: '万元' };
const yuan = { halfUnit: 0.005, unit: '元' };

/** 收入801.86万元 − 支出500.12万元 = 301.74万元, against a stated carry-over in 万元. */
const inWan = (carryover: number) =>
  submission().set('finance.expenditure', 5_001_200, wan).set('finance.carryover', carryover, wan).build();

/** The same in 元 with two decimals (8,018,600.00元 style, half-unit 0.005元). */
const inYuan = (carryover: number) =>
  submission()
    .set('finance.income', 8_018_600, yuan)
    .set('finance.expenditure', 5_001_200, yuan)
    .set('finance.carryover', carryover, yuan)
    .build();

ruleTester.run(rule, {
  valid: [
    // The seed: 801.86万元 in, 801.86万元 out, 无结转结余.
    { name: 'the seed balances', submission: submission().build() },
    // 801.86 − 500.12 = 301.74 vs 301.75: 0.01万元 (100元) is within the three half-units (150元).
    { name: 'a 万元 difference within the three half-units passes', submission: inWan(3_017_500) },
    // 元 with two decimals: 0.01元 off is within 3 × 0.005元.
    { name: 'a 元 difference within the three half-units passes', submission: inYuan(3_017_400.01) },
    // An approximate expenditure (约798万元) never makes the rule fail.
    {
      name: 'an approximate figure never fails',
      submission: submission()
        .set('finance.expenditure', 7_980_000, { halfUnit: 5000, unit: '万元', approximate: true })
        .build(),
    },
    // No carry-over stated at all: the rule stays silent.
    {
      name: 'an unstated carry-over keeps the rule silent',
      submission: submission().set('finance.carryover', null).build(),
    },
  ],
  invalid: [
    // SPEC's example: 801.86 in, 798.42 out, yet 「本年无结转结余」.
    {
      name: 'a surplus with 「无结转结余」',
      submission: submission().set('finance.expenditure', 7_984_200).build(),
      errors: [
        {
          messageId: 'noCarryover',
          data: { income: '801.86万元', expenditure: '798.42万元', difference: '3.44万元', carryover: '0元' },
          message: '收入总额801.86万元，支出总额798.42万元，差额3.44万元，但报告称无结转结余',
          suggestion: '请核对收入总额、支出总额和结转结余，使收入总额 − 支出总额 = 结转结余',
          evidenceCount: 3,
        },
      ],
    },
    // 801.86 − 500.12 = 301.74 vs 301.78: 0.04万元 (400元) is beyond the 150元 the precision allows.
    {
      name: 'a 万元 difference beyond the three half-units fails',
      submission: inWan(3_017_800),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对收入总额、支出总额和结转结余，使收入总额 − 支出总额 = 结转结余',
          data: { income: '801.86万元', expenditure: '500.12万元', difference: '301.74万元', carryover: '301.78万元' },
          message: '收入总额801.86万元，支出总额500.12万元，差额301.74万元，与结转结余301.78万元不符',
        },
      ],
    },
    // 元 with two decimals: 0.02元 off is beyond 3 × 0.005元 = 0.015元.
    {
      name: 'a 元 difference beyond the three half-units fails',
      submission: inYuan(3_017_400.02),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对收入总额、支出总额和结转结余，使收入总额 − 支出总额 = 结转结余',
          data: {
            income: '8,018,600.00元',
            expenditure: '5,001,200.00元',
            difference: '3,017,400.00元',
            carryover: '3,017,400.02元',
          },
        },
      ],
    },
    // Spending more than the income with a positive carry-over.
    {
      name: 'an overspend with a carry-over',
      submission: submission().set('finance.expenditure', 8_100_000).set('finance.carryover', 100_000, wan).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对收入总额、支出总额和结转结余，使收入总额 − 支出总额 = 结转结余',
          data: { income: '801.86万元', expenditure: '810.00万元', difference: '-8.14万元', carryover: '10.00万元' },
        },
      ],
    },
  ],
});

/** On forms (SPEC §8): the same balance where a form states income, expenditure and carry-over. */
ruleTester.run(rule, {
  valid: [
    // A form states no carry-over: nothing to balance.
    { name: 'a form without 结转结余', submission: overallForm().build() },
    {
      name: 'a form: 2030.12 − 1925.67 = 104.45',
      submission: overallForm()
        .set('finance.income', 20_301_200, wan)
        .set('finance.expenditure', 19_256_700, wan)
        .set('finance.carryover', 1_044_500, wan)
        .build(),
    },
  ],
  invalid: [
    {
      name: 'a form: 2030.12 − 1925.67 with no carry-over',
      submission: overallForm()
        .set('finance.income', 20_301_200, wan)
        .set('finance.expenditure', 19_256_700, wan)
        .set('finance.carryover', 0, { unit: '' })
        .build(),
      errors: [
        {
          messageId: 'noCarryover',
          suggestion: '请核对收入总额、支出总额和结转结余，使收入总额 − 支出总额 = 结转结余',
          data: { income: '2030.12万元', expenditure: '1925.67万元', difference: '104.45万元', carryover: '0元' },
        },
      ],
    },
  ],
});
