/** scoring.group-points: a group's declared points = Σ 指标分值 of the items under it. */
import rule from '../../rules/scoring.group-points.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

// Groups: 0 部门预算项目绩效管理(70) 1 目标管理(40) 2 动态调整(15) 3 完成结果(10) 4 绩效结果应用(30) 5 内部应用(10) 6 信息公开(5) 7 整改反馈(10).
const corrected = () =>
  submission()
    .set('scoring.groups.2.declaredMax', 20, { text: '动态调整（20分）' })
    .set('scoring.groups.6.declaredMax', 10, { text: '信息公开（10分）' });

ruleTester.run(rule, {
  valid: [
    // The seed with its two scoring errors corrected (动态调整（20分）, 信息公开（10分）).
    { name: 'the corrected seed adds up at every level', submission: corrected().build() },
    // An item whose 分值 could not be read leaves its groups unchecked.
    {
      name: 'an unread item maximum keeps its groups silent',
      submission: corrected().set('scoring.groups.2.declaredMax', 25).set('scoring.items.4.max', null).build(),
    },
    // A group with no item under it (a path the items do not share) is not compared.
    {
      name: 'a group with no items under it is skipped',
      submission: corrected()
        .mutate((s) => {
          s.report.scoring.groups[3]!.path = ['部门预算项目绩效管理', '其他'];
        })
        .build(),
    },
    // The 扣分项 row is not part of any group.
    { name: 'the deduction row is not counted', submission: corrected().set('scoring.items.13.max', 20).build() },
  ],
  invalid: [
    // The seed: two 二级 groups declare the wrong points.
    {
      name: 'the seed has two groups that do not add up',
      submission: submission().build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { level: '二级指标', group: '动态调整', declared: '15分', sum: '20分', gap: '5分' },
          message: '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
          suggestion: '标注应为20分，或三级指标分值应减少5分',
          evidenceCount: 4,
        },
        {
          messageId: 'mismatch',
          data: { level: '二级指标', group: '信息公开', declared: '5分', sum: '10分', gap: '5分' },
          message: '二级指标「信息公开」标注5分，其下三级指标分值合计10分',
          suggestion: '标注应为10分，或三级指标分值应减少5分',
          evidenceCount: 2,
        },
      ],
    },
    // A 一级 group declaring more than its items give.
    {
      name: 'a 一级 group declaring too many points',
      submission: corrected().set('scoring.groups.0.declaredMax', 75).build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { level: '一级指标', group: '部门预算项目绩效管理', declared: '75分', sum: '70分', gap: '5分' },
          suggestion: '标注应为70分，或三级指标分值应增加5分',
          evidenceCount: 10,
        },
      ],
    },
    // Changing an item's 分值 breaks both its 二级 and its 一级 group.
    {
      name: 'one item maximum breaks both of its groups',
      submission: corrected().set('scoring.items.11.max', 10).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '标注应为35分，或三级指标分值应减少5分',
          data: { level: '一级指标', group: '绩效结果应用', declared: '30分', sum: '35分', gap: '5分' },
        },
        {
          messageId: 'mismatch',
          suggestion: '标注应为15分，或三级指标分值应减少5分',
          data: { level: '二级指标', group: '整改反馈', declared: '10分', sum: '15分', gap: '5分' },
        },
      ],
    },
  ],
});

/** On forms (SPEC §8): a 一级指标 that declares its points, e.g. 产出指标（50分）. */
ruleTester.run(rule, {
  valid: [{ name: 'a form: 产出指标（50分） over 20 + 15 + 15', submission: overallForm().build() }],
  invalid: [
    {
      name: 'a form: 产出指标（50分） over 30 + 15 + 15',
      submission: overallForm().set('scoring.items.0.max', 30).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '标注应为60分，或三级指标分值应减少10分',
          data: { level: '一级指标', group: '产出指标', declared: '50分', sum: '60分', gap: '10分' },
          evidence: [{ text: '产出指标（50分）' }, {}, {}, {}],
        },
      ],
    },
  ],
});
