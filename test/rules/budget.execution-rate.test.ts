/** budget.execution-rate: stated 执行率 = 全年执行数 ÷ 全年预算数 (÷ 年初预算数 without one), within precision. */
import rule from '../../rules/budget.execution-rate.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const wan = { halfUnit: 50, unit: '万元' };
const percent = (halfUnit: number) => ({ halfUnit, unit: '%' });

ruleTester.run(rule, {
  valid: [
    // The real 贯塘乡 form: 2030.12 ÷ 2030.12 = 100%.
    { name: 'the real form: 2030.12万元 of 2030.12万元 is 100%', submission: overallForm().build() },
    // SPEC §6's worked example: 38 ÷ 50 = 76%.
    {
      name: '38万元 of 50万元 stated as 76%',
      submission: overallForm()
        .set('budget.adjusted', 500_000, { halfUnit: 5000, unit: '万元' })
        .set('budget.executed', 380_000, { halfUnit: 5000, unit: '万元' })
        .set('budget.rate', 0.76, percent(0.005))
        .build(),
    },
    // Two decimals: 2010.45 ÷ 2030.12 = 99.0311…% stated 99.03%.
    {
      name: 'a rate to two decimals matches within its half unit',
      submission: overallForm()
        .set('budget.executed', 20_104_500, wan)
        .set('budget.rate', 0.9903, percent(0.00005))
        .build(),
    },
    // Without a 全年预算数 column the rate is ÷ 年初预算数: 861.10 ÷ 861.10 = 100%.
    {
      name: 'no 全年预算数: the rate is taken over 年初预算数',
      submission: overallForm().set('budget.adjusted', null).set('budget.executed', 8_611_000, wan).build(),
    },
    // Without precision recorded, 100% stands for 99.5%–100.5%: 2025 ÷ 2030.12 = 99.75%.
    {
      name: 'a whole percent without recorded precision covers its half percent',
      submission: overallForm()
        .set('budget.executed', 20_250_000, wan)
        .evidence('budget.rate', { halfUnit: 0 })
        .build(),
    },
    // The narrative seed has no funds block.
    { name: 'a report without a funds block', submission: submission().build() },
    // No stated rate: nothing to compare.
    { name: 'no stated 执行率', submission: overallForm().set('budget.rate', null).build() },
    // A zero budget cannot be divided by.
    { name: 'a zero 全年预算数', submission: overallForm().set('budget.adjusted', 0, wan).build() },
  ],
  invalid: [
    // 38 of 50 yet 100%.
    {
      name: '38万元 of 50万元 stated as 100%',
      submission: overallForm()
        .set('budget.adjusted', 500_000, { halfUnit: 5000, unit: '万元' })
        .set('budget.executed', 380_000, { halfUnit: 5000, unit: '万元' })
        .build(),
      errors: [
        {
          messageId: 'mismatch',
          message: '全年执行数38万元 ÷ 全年预算数50万元 = 76.00%，与填报的执行率100%不符',
          suggestion: '执行率应为76.00%，或核对全年预算数和全年执行数',
          evidence: [
            { label: '执行率', location: { table: 0, row: 2, column: 5 } },
            { label: '年度资金总额 全年执行数' },
            { label: '年度资金总额 全年预算数' },
          ],
        },
      ],
    },
    // The real case: 1925.67 spent of 2030.12 is 94.85%, not 100%.
    {
      name: '1925.67万元 of 2030.12万元 stated as 100%',
      submission: overallForm().set('budget.executed', 19_256_700, wan).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '执行率应为94.85%，或核对全年预算数和全年执行数',
          data: {
            executed: '1925.67万元',
            budgetLabel: '全年预算数',
            budget: '2030.12万元',
            computed: '94.85%',
            rate: '100%',
          },
        },
      ],
    },
    // 99.04% is beyond the half unit of 99.03…%.
    {
      name: 'a rate to two decimals off by one in the last place',
      submission: overallForm()
        .set('budget.executed', 20_104_500, wan)
        .set('budget.rate', 0.9905, percent(0.00005))
        .build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '执行率应为99.03%，或核对全年预算数和全年执行数',
          data: {
            executed: '2010.45万元',
            budgetLabel: '全年预算数',
            budget: '2030.12万元',
            computed: '99.03%',
            rate: '99.05%',
          },
        },
      ],
    },
    // Over 年初预算数: 2030.12 ÷ 861.10 = 235.76%.
    {
      name: 'no 全年预算数 and a rate that does not follow 年初预算数',
      submission: overallForm().set('budget.adjusted', null).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '执行率应为235.76%，或核对年初预算数和全年执行数',
          data: {
            executed: '2030.12万元',
            budgetLabel: '年初预算数',
            budget: '861.10万元',
            computed: '235.76%',
            rate: '100%',
          },
        },
      ],
    },
  ],
});
