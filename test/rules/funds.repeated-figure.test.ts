/** funds.repeated-figure: a project stated in two places has the same amount both times. */
import type { Evidence } from '../../extractors/model/report-schema.js';
import rule from '../../rules/funds.repeated-figure.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

/** Changes the second occurrence (三（二）1.整体情况) of the project at `index`. */
const secondOccurrence = (index: number, patch: Partial<Evidence>) =>
  submission().mutate((s) => {
    const entry = s.extraction.repeatedFigures[index]!;
    entry.occurrences[1] = { ...entry.occurrences[1]!, ...patch };
  });

ruleTester.run(rule, {
  valid: [
    // The seed: all six projects carry the same amounts in 一（四） and 三（二）.
    { name: 'the seed states the same amounts twice', submission: submission().build() },
    // 68.04万元 rounds to 68万元: the same amount written with less precision.
    {
      name: 'a finer figure that rounds to the coarser one passes',
      submission: secondOccurrence(0, { value: 680_400, halfUnit: 50 }).build(),
    },
    // 4.16万元 written as 41,600元.
    {
      name: 'the same amount in 元 and in 万元',
      submission: secondOccurrence(5, { value: 41_600, halfUnit: 0.5, unit: '元' }).build(),
    },
    // 约70万元 in the second place cannot prove a difference.
    {
      name: 'an approximate occurrence never fails',
      submission: secondOccurrence(0, { value: 700_000, approximate: true }).build(),
    },
    // A name stated once is not a repeated figure.
    {
      name: 'a single occurrence has nothing to compare',
      submission: submission()
        .mutate((s) => {
          s.extraction.repeatedFigures[2]!.occurrences.pop();
        })
        .build(),
    },
  ],
  invalid: [
    // 垃圾车运营维护费 4万元 in 一（四）, 6万元 in 三（二）.
    {
      name: 'a project with two amounts',
      submission: secondOccurrence(2, { value: 60_000 }).build(),
      errors: [
        {
          messageId: 'differs',
          data: { name: '垃圾车运营维护费', first: '4万元', other: '6万元' },
          message: '「垃圾车运营维护费」在报告中多处出现，金额不一致：4万元与6万元',
          suggestion: '请统一「垃圾车运营维护费」在各处的金额',
          evidenceCount: 2,
        },
      ],
    },
    // 4.5万元 does not round to 4万元 (四舍五入 gives 5万元), although the intervals touch.
    {
      name: 'a finer figure that does not round to the coarser one',
      submission: secondOccurrence(2, { value: 45_000, halfUnit: 500 }).build(),
      errors: [
        {
          messageId: 'differs',
          suggestion: '请统一「垃圾车运营维护费」在各处的金额',
          data: { name: '垃圾车运营维护费', first: '4万元', other: '4.5万元' },
        },
      ],
    },
    // Transposed digits: 24.98万元 vs 24.89万元.
    {
      name: 'transposed digits',
      submission: secondOccurrence(3, { value: 248_900 }).build(),
      errors: [
        {
          messageId: 'differs',
          suggestion: '请统一「公务用车购置」在各处的金额',
          data: { name: '公务用车购置', first: '24.98万元', other: '24.89万元' },
        },
      ],
    },
    // One written in 元: 41,600元 vs 4.16万元 is the same; 46,100元 is not.
    {
      name: 'an amount in 元 compared with one in 万元',
      submission: secondOccurrence(5, { value: 46_100, halfUnit: 0.5, unit: '元' }).build(),
      errors: [
        {
          messageId: 'differs',
          suggestion: '请统一「乡镇安全管理相关经费」在各处的金额',
          data: { name: '乡镇安全管理相关经费', first: '4.16万元', other: '46,100元' },
        },
      ],
    },
    // Two projects differ: one finding each.
    {
      name: 'two differing projects make two findings',
      submission: secondOccurrence(0, { value: 860_000 })
        .mutate((s) => {
          const entry = s.extraction.repeatedFigures[1]!;
          entry.occurrences[1] = { ...entry.occurrences[1]!, value: 240_000 };
        })
        .build(),
      errors: [
        {
          messageId: 'differs',
          suggestion: '请统一「基层组织和农村公共服务运行维护费」在各处的金额',
          data: { name: '基层组织和农村公共服务运行维护费', first: '68万元', other: '86万元' },
        },
        {
          messageId: 'differs',
          suggestion: '请统一「乡镇农村人居环境整治考核奖补资金」在各处的金额',
          data: { name: '乡镇农村人居环境整治考核奖补资金', first: '42万元', other: '24万元' },
        },
      ],
    },
  ],
});
