/** funds.execution-matches-expenditure: 全年执行数 of 年度资金总额 = the 支出 total stated elsewhere in the document. */
import rule from '../../rules/funds.execution-matches-expenditure.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const wan = { halfUnit: 50, unit: '万元' };

ruleTester.run(rule, {
  valid: [
    // 基本 1025.20 + 项目 1004.92 = 2030.12 = 全年执行数.
    { name: 'the 按支出性质分 rows add up to 全年执行数', submission: overallForm().build() },
    // 支出总额 stated and equal.
    {
      name: 'a stated 支出总额 equal to 全年执行数',
      submission: overallForm().set('finance.expenditure', 20_301_200, wan).build(),
    },
    // 基本支出 + 项目支出 stated in the document: 1025.20 + 1004.92.
    {
      name: '基本支出 + 项目支出 equal to 全年执行数',
      submission: overallForm()
        .set('finance.basicExpenditure', 10_252_000, wan)
        .set('finance.projectExpenditure', 10_049_200, wan)
        .build(),
    },
    // 20,301,210元 against 2030.12万元 (±50元): 10元 apart, within precision.
    {
      name: 'a 支出总额 in 元 within the half-units',
      submission: overallForm().set('finance.expenditure', 20_301_210, { halfUnit: 0.5, unit: '元' }).build(),
    },
    { name: 'the narrative seed has no funds block', submission: submission().build() },
  ],
  invalid: [
    // The real case: 900.47 + 1025.20 = 1925.67 ≠ 2030.12.
    {
      name: 'the real case: 900.47 + 1025.20 = 1925.67 against 2030.12',
      submission: overallForm()
        .set('budget.lines.3.executed', 9_004_700, wan)
        .set('budget.lines.4.executed', 10_252_000, wan)
        .build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion:
            '请核对全年执行数与按支出性质分各项全年执行数合计；如执行数含结转结余，应在偏差原因中说明，执行率和得分按实际支出计算',
          data: {
            executed: '2030.12万元',
            otherLabel: '按支出性质分各项全年执行数合计',
            other: '1925.67万元',
            gap: '104.45万元',
          },
          message:
            '年度资金总额全年执行数2030.12万元，与按支出性质分各项全年执行数合计1925.67万元不符（相差104.45万元）',
          evidenceCount: 3,
        },
      ],
    },
    // The same with 支出总额 stated as 1925.67.
    {
      name: 'a stated 支出总额 of 1925.67万元',
      submission: overallForm().set('finance.expenditure', 19_256_700, wan).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对全年执行数与支出总额；如执行数含结转结余，应在偏差原因中说明，执行率和得分按实际支出计算',
          data: { executed: '2030.12万元', otherLabel: '支出总额', other: '1925.67万元', gap: '104.45万元' },
          evidenceCount: 2,
        },
      ],
    },
    // 基本支出 900.47 + 项目支出 1025.20 stated in the document.
    {
      name: '基本支出 + 项目支出 of 1925.67万元',
      submission: overallForm()
        .set('finance.basicExpenditure', 9_004_700, wan)
        .set('finance.projectExpenditure', 10_252_000, wan)
        .build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion:
            '请核对全年执行数与基本支出与项目支出合计；如执行数含结转结余，应在偏差原因中说明，执行率和得分按实际支出计算',
          data: {
            executed: '2030.12万元',
            otherLabel: '基本支出与项目支出合计',
            other: '1925.67万元',
            gap: '104.45万元',
          },
        },
      ],
    },
  ],
});
