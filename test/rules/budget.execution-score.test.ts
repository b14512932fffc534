/** budget.execution-score: 预算执行率得分 = 分值 × min(执行率, 1), and no points for a blank 全年执行数. */
import rule from '../../rules/budget.execution-score.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const wan = { halfUnit: 50, unit: '万元' };
const tenth = { halfUnit: 0.05, unit: '分' };

/** 38万元 of 50万元: 执行率76%. */
const at76 = () =>
  overallForm()
    .set('budget.adjusted', 500_000, { halfUnit: 5000, unit: '万元' })
    .set('budget.executed', 380_000, { halfUnit: 5000, unit: '万元' })
    .set('budget.rate', 0.76, { halfUnit: 0.005, unit: '%' });

ruleTester.run(rule, {
  valid: [
    // The real form: 100% earns the full 10 points.
    { name: 'the real form: 100% earns 10 of 10', submission: overallForm().build() },
    // SPEC §6: 76% × 10 = 7.6.
    { name: '76% × 10 = 7.6', submission: at76().set('budget.score', 7.6, tenth).build() },
    // Above 100% the score stays at 分值.
    {
      name: 'an 执行率 of 108% still earns 10, not more',
      submission: overallForm().set('budget.rate', 1.08, { halfUnit: 0.005, unit: '%' }).build(),
    },
    // With the option, 108% × 10 = 10.8 is accepted.
    {
      name: 'allowAboveFull accepts 10.8 for 108%',
      submission: overallForm()
        .set('budget.rate', 1.08, { halfUnit: 0.005, unit: '%' })
        .set('budget.score', 10.8, tenth)
        .build(),
      options: { allowAboveFull: true },
    },
    // No stated rate: the funds give it (38 ÷ 50 = 76%).
    {
      name: 'no stated rate: the score follows 执行数 ÷ 预算数',
      submission: at76().set('budget.rate', null).set('budget.score', 7.6, tenth).build(),
    },
    // A blank 全年执行数 with no points.
    {
      name: 'a blank 全年执行数 with 0 points',
      submission: overallForm().set('budget.executed', null).set('budget.score', 0).build(),
    },
    { name: 'a report without a funds block', submission: submission().build() },
  ],
  invalid: [
    // 76% yet the full 10 points.
    {
      name: '76% with the full 10 points',
      submission: at76().build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { max: '10分', rate: '76%', expected: '7.6分', score: '10分' },
          message: '预算执行率分值10分 × 执行率76% = 7.6分，与填报的得分10分不符',
          suggestion: '预算执行率得分应为7.6分（执行率超过100%按100%计），或核对执行率',
          evidence: [{ label: '得分' }, { label: '分值' }, { label: '执行率' }],
        },
      ],
    },
    // 108% earning 10.8 by default: above full marks.
    {
      name: '108% earning 10.8 points',
      submission: overallForm()
        .set('budget.rate', 1.08, { halfUnit: 0.005, unit: '%' })
        .set('budget.score', 10.8, tenth)
        .build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '预算执行率得分应为10分（执行率超过100%按100%计），或核对执行率',
          data: { max: '10分', rate: '108%', expected: '10分', score: '10.8分' },
        },
      ],
    },
    // A blank 全年执行数 yet 10 points.
    {
      name: 'a blank 全年执行数 with 10 points',
      submission: overallForm().set('budget.executed', null).build(),
      errors: [
        {
          messageId: 'blankExecuted',
          message: '全年执行数空白，预算执行率却得10分',
          suggestion: '请填报全年执行数，或核对预算执行率得分',
          evidenceCount: 1,
        },
      ],
    },
    // No stated rate and 1925.67 of 2030.12 (94.85%) yet 10 points.
    {
      name: 'no stated rate: 1925.67万元 of 2030.12万元 with 10 points',
      submission: overallForm().set('budget.rate', null).set('budget.executed', 19_256_700, wan).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '预算执行率得分应为9.49分（执行率超过100%按100%计），或核对执行率',
          data: { max: '10分', rate: '94.85%', expected: '9.49分', score: '10分' },
        },
      ],
    },
  ],
});
