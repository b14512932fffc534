/** scoring.target-missed-full-marks: a missed quantitative target with full marks; all targets met yet points deducted (info). */
import rule from '../../rules/scoring.target-missed-full-marks.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

/** Item i of the form with its target and actual cells rewritten. */
const cells = (i: number, target: string, actual: string) =>
  overallForm().mutate((s) => {
    const item = s.report.scoring.items[i]!;
    item.target = target;
    item.actual = actual;
    s.extraction.evidence[`scoring.items.${i}.target`]!.text = target;
    s.extraction.evidence[`scoring.items.${i}.actual`]!.text = actual;
  });

ruleTester.run(rule, {
  valid: [
    // The clean form: ≥50人/50人, 100%/100%, 按时完成/按时完成, a qualitative one, ≥90%/95%.
    { name: 'every target met with full marks', submission: overallForm().build() },
    { name: '≥95% met by 96%', submission: cells(4, '≥95%', '96%').build() },
    { name: '不低于90% met by 90%', submission: cells(4, '不低于90%', '90%').build() },
    { name: '达到100% met by 100%', submission: cells(1, '达到100%', '100%').build() },
    { name: '≤30日 met by 25日', submission: cells(2, '≤30日', '25日').build() },
    { name: '30日以内 met by 30日', submission: cells(2, '30日以内', '30日').build() },
    { name: '=12个 met by 12个', submission: cells(0, '=12个', '12个').build() },
    { name: 'a bare 12个 is a minimum, met by 13个', submission: cells(0, '12个', '13个').build() },
    { name: '90%以上 met by 92%', submission: cells(4, '90%以上', '92%').build() },
    { name: 'full-width figures: ≥９５％ met by ９６％', submission: cells(4, '≥９５％', '９６％').build() },
    // Missed, and scored in proportion: not this rule's business.
    {
      name: 'a missed target with points deducted',
      submission: cells(4, '≥95%', '90%').set('scoring.items.4.score', 9.47).set('scoring.tableTotal', 99.47).build(),
    },
    // Qualitative targets are never compared.
    { name: 'a qualitative target (有效保障/基本保障)', submission: cells(3, '有效保障', '基本保障').build() },
    // Units that differ (人 vs 人次) give no finding.
    { name: 'units that differ: ≥50人 against 45人次', submission: cells(0, '≥50人', '45人次').build() },
    // A bare span of time has no direction.
    { name: 'a bare 30日 target has no direction', submission: cells(2, '30日', '35日').build() },
    // A deducted item whose target is qualitative is not "comparable and met".
    {
      name: 'points deducted on a qualitative item only',
      submission: overallForm().set('scoring.items.3.score', 28).build(),
    },
    // The reverse case switched off.
    {
      name: 'reportMetButDeducted off',
      submission: overallForm().set('scoring.items.4.score', 8).build(),
      options: { reportMetButDeducted: false },
    },
    { name: 'the narrative seed has no targets', submission: submission().build() },
  ],
  invalid: [
    // ≥95% with 90% yet 10 of 10.
    {
      name: '≥95% missed by 90% with full marks',
      submission: cells(4, '≥95%', '90%').build(),
      errors: [
        {
          messageId: 'missedFullMarks',
          data: { indicator: '群众满意度', target: '≥95%', actual: '90%', score: '10分' },
          message: '指标「群众满意度」年度指标值≥95%，实际完成值90%，未达目标，却得满分10分',
          suggestion: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
          evidence: [
            { text: '≥95%', location: { table: 0, row: 14, column: 3 } },
            { text: '90%', location: { table: 0, row: 14, column: 4 } },
            { label: '群众满意度 得分' },
            { label: '群众满意度 分值' },
          ],
        },
      ],
    },
    {
      name: '≤30日 missed by 35日',
      submission: cells(2, '≤30日', '35日').build(),
      errors: [
        {
          messageId: 'missedFullMarks',
          suggestion: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
          data: { indicator: '资金支付及时性', target: '≤30日', actual: '35日', score: '15分' },
        },
      ],
    },
    {
      name: '=12个 missed by 11个',
      submission: cells(0, '=12个', '11个').build(),
      errors: [
        {
          messageId: 'missedFullMarks',
          suggestion: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
          data: { indicator: '保障在职人员', target: '=12个', actual: '11个', score: '20分' },
        },
      ],
    },
    {
      name: 'a bare 100% missed by 98%',
      submission: cells(1, '100%', '98%').build(),
      errors: [
        {
          messageId: 'missedFullMarks',
          suggestion: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
          data: { indicator: '资金支付准确率', target: '100%', actual: '98%', score: '15分' },
        },
      ],
    },
    {
      name: '不低于90% missed by 85%',
      submission: cells(4, '不低于90%', '85%').build(),
      errors: [
        {
          messageId: 'missedFullMarks',
          suggestion: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
        },
      ],
    },
    {
      name: '不高于5% missed by 6%',
      submission: cells(4, '不高于5%', '6%').build(),
      errors: [
        {
          messageId: 'missedFullMarks',
          suggestion: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
        },
      ],
    },
    {
      name: '按时完成 missed by 未按时完成',
      submission: cells(2, '按时完成', '未按时完成').build(),
      errors: [
        {
          messageId: 'missedFullMarks',
          suggestion: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
          data: { indicator: '资金支付及时性', target: '按时完成', actual: '未按时完成', score: '15分' },
        },
      ],
    },
    // The reverse case: every comparable target met, yet 群众满意度 scored 8 of 10.
    {
      name: 'every comparable target met, yet points deducted (info)',
      submission: overallForm().set('scoring.items.4.score', 8).build(),
      errors: [
        {
          messageId: 'metButDeducted',
          severity: 'info',
          message: '可比较的指标均已达到年度指标值，但「群众满意度」（8/10分）被扣分',
          suggestion: '请在偏差原因分析中说明扣分原因，或核对得分',
          evidenceCount: 3,
        },
      ],
    },
  ],
});
