/** budget.sources-sum: 年度资金总额 = Σ its 其中 rows, per column and per grouping. */
import rule from '../../rules/budget.sources-sum.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const wan = { halfUnit: 50, unit: '万元' };
const wan3 = { halfUnit: 5, unit: '万元' };

/** The real small form: a 年度资金总额 row of 0/0/0 over 其中 财政拨款 90 / 90 / 89.974 (万元). */
const zeroTotal = () =>
  overallForm()
    .mutate((s) => {
      s.report.budget!.lines = [
        { name: '财政拨款', group: 'source', initial: 900_000, adjusted: 900_000, executed: 899_740 },
      ];
      for (const key of Object.keys(s.extraction.evidence))
        if (key.startsWith('budget.lines.')) delete s.extraction.evidence[key];
    })
    .set('budget.lines.0.initial', 900_000, {
      ...wan,
      location: { table: 0, row: 3, column: 1 },
      label: '财政拨款 年初预算数',
    })
    .set('budget.lines.0.adjusted', 900_000, {
      ...wan,
      location: { table: 0, row: 3, column: 2 },
      label: '财政拨款 全年预算数',
    })
    .set('budget.lines.0.executed', 899_740, {
      ...wan3,
      location: { table: 0, row: 3, column: 3 },
      label: '财政拨款 全年执行数',
    })
    .set('budget.initial', 0, { halfUnit: 0 })
    .set('budget.adjusted', 0, { halfUnit: 0 })
    .set('budget.executed', 0, { halfUnit: 0 })
    .set('budget.rate', null)
    .set('budget.score', null);

ruleTester.run(rule, {
  valid: [
    // The real form: 1325.68 + 118.82 + 585.62 = 2030.12; 基本 1025.20 + 项目 1004.92 is not summed against 执行数.
    { name: 'the real form: 1325.68 + 118.82 + 585.62 = 2030.12', submission: overallForm().build() },
    // The 按支出性质分 全年执行数 (1925.67 spent) is funds.execution-matches-expenditure's question, not this rule's.
    {
      name: 'spending below the funds executed is left to funds.execution-matches-expenditure',
      submission: overallForm()
        .set('budget.lines.3.executed', 9_004_700, wan)
        .set('budget.lines.4.executed', 10_252_000, wan)
        .build(),
    },
    // Rounding: three parts each ±0.005万元 may differ from the total by up to 0.02万元.
    {
      name: 'a 0.01万元 rounding difference is within precision',
      submission: overallForm().set('budget.lines.2.executed', 5_856_100, wan).build(),
    },
    // A column with no 其中 figures at all (年初预算数 here) has nothing to sum.
    { name: 'no 其中 figures in a column', submission: overallForm().set('budget.initial', 0).build() },
    { name: 'a report without a funds block', submission: submission().build() },
  ],
  invalid: [
    // 1325.68 + 118.82 + 575.62 = 2020.12 ≠ 2030.12.
    {
      name: 'an income row 10万元 short in 全年执行数',
      submission: overallForm().set('budget.lines.2.executed', 5_756_200, wan).build(),
      errors: [
        {
          messageId: 'mismatch',
          data: {
            column: '全年执行数',
            group: '按收入性质分',
            parts: '一般公共预算1325.68万元、政府性基金拨款118.82万元、其他资金575.62万元',
            sum: '2020.12万元',
            total: '2030.12万元',
          },
          message:
            '年度资金总额全年执行数2030.12万元，其下按收入性质分各行（一般公共预算1325.68万元、政府性基金拨款118.82万元、其他资金575.62万元）合计2020.12万元，两者不符',
          suggestion: '年度资金总额全年执行数应为2020.12万元，或核对其中各行',
          evidenceCount: 4,
        },
      ],
    },
    // The real 0/0/0 row above 90 / 90 / 89.974: all three columns fire.
    {
      name: 'a 0/0/0 年度资金总额 row over 其中 rows of 90 and 89.974',
      submission: zeroTotal().build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '年度资金总额年初预算数应为90.00万元，或核对其中各行',
          data: {
            column: '年初预算数',
            group: '资金来源',
            parts: '财政拨款90.00万元',
            sum: '90.00万元',
            total: '0万元',
          },
        },
        {
          messageId: 'mismatch',
          suggestion: '年度资金总额全年预算数应为90.00万元，或核对其中各行',
          data: {
            column: '全年预算数',
            group: '资金来源',
            parts: '财政拨款90.00万元',
            sum: '90.00万元',
            total: '0万元',
          },
        },
        {
          messageId: 'mismatch',
          suggestion: '年度资金总额全年执行数应为89.974万元，或核对其中各行',
          data: {
            column: '全年执行数',
            group: '资金来源',
            parts: '财政拨款89.974万元',
            sum: '89.974万元',
            total: '0万元',
          },
        },
      ],
    },
    // A blank total row above the same 其中 rows.
    {
      name: 'a blank 年度资金总额 row over non-zero 其中 rows',
      submission: zeroTotal()
        .set('budget.initial', null)
        .set('budget.adjusted', null)
        .set('budget.executed', null)
        .build(),
      errors: [
        {
          messageId: 'blankTotal',
          suggestion: '年度资金总额年初预算数应为90.00万元，或核对其中各行',
          message: '年度资金总额年初预算数空白，其下资金来源各行（财政拨款90.00万元）合计90.00万元',
        },
        { messageId: 'blankTotal', suggestion: '年度资金总额全年预算数应为90.00万元，或核对其中各行' },
        {
          messageId: 'blankTotal',
          suggestion: '年度资金总额全年执行数应为89.974万元，或核对其中各行',
          data: { column: '全年执行数', group: '资金来源', parts: '财政拨款89.974万元', sum: '89.974万元' },
        },
      ],
    },
    // The budget column of the 按支出性质分 rows is summed.
    {
      name: '按支出性质分 全年预算数 rows that do not add up',
      submission: overallForm()
        .set('budget.lines.3.adjusted', 10_000_000, { ...wan, location: { table: 0, row: 6, column: 3 } })
        .set('budget.lines.4.adjusted', 10_000_000, { ...wan, location: { table: 0, row: 7, column: 3 } })
        .build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '年度资金总额全年预算数应为2000.00万元，或核对其中各行',
          data: {
            column: '全年预算数',
            group: '按支出性质分',
            parts: '基本支出1000.00万元、项目支出1000.00万元',
            sum: '2000.00万元',
            total: '2030.12万元',
          },
        },
      ],
    },
  ],
});
