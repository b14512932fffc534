/** funds.large-project-claim: 「100万以上项目：无」 but a listed project of 100万元 or more. */
import rule from '../../rules/funds.large-project-claim.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const claimListed = submission().mutate((s) => {
  s.report.finance.largeProjectsClaim = 'listed';
});

ruleTester.run(rule, {
  valid: [
    // The seed: 「100万以上项目：无」 and the largest project is 68万元.
    { name: 'the seed has no project of 100万元', submission: submission().build() },
    // The report lists its large projects: no contradiction.
    {
      name: 'a large project that the report lists',
      submission: claimListed.set('finance.projects.0.amount', 1_680_000).build(),
    },
    // Just under the threshold.
    { name: 'a project of 99.99万元', submission: submission().set('finance.projects.3.amount', 999_900).build() },
    // An approximate amount (约120万元) cannot contradict the claim.
    {
      name: 'an approximate amount never fails',
      submission: submission().set('finance.projects.0.amount', 1_200_000, { approximate: true }).build(),
    },
  ],
  invalid: [
    // A 168万元 project under 「100万以上项目：无」.
    {
      name: 'a 168万元 project contradicts 「无」',
      submission: submission().set('finance.projects.0.amount', 1_680_000).build(),
      errors: [
        {
          messageId: 'contradicts',
          data: { threshold: '100万元', project: '基层组织和农村公共服务运行维护费', amount: '168万元' },
          message: '报告称100万元以上项目为无，但「基层组织和农村公共服务运行维护费」金额为168万元',
          suggestion: '请在「100万以上项目」中列明该项目，或核对项目金额',
          evidenceCount: 2,
        },
      ],
    },
    // 「100万以上」 includes 100万元 itself.
    {
      name: 'exactly 100万元 counts as 100万以上',
      submission: submission().set('finance.projects.1.amount', 1_000_000).build(),
      errors: [
        {
          messageId: 'contradicts',
          suggestion: '请在「100万以上项目」中列明该项目，或核对项目金额',
          data: { threshold: '100万元', project: '乡镇农村人居环境整治考核奖补资金', amount: '100万元' },
        },
      ],
    },
    // Two large projects: one finding each, in list order.
    {
      name: 'two large projects make two findings',
      submission: submission()
        .set('finance.projects.0.amount', 1_680_000)
        .set('finance.projects.3.amount', 2_498_000)
        .build(),
      errors: [
        {
          messageId: 'contradicts',
          suggestion: '请在「100万以上项目」中列明该项目，或核对项目金额',
          data: { threshold: '100万元', project: '基层组织和农村公共服务运行维护费', amount: '168万元' },
        },
        {
          messageId: 'contradicts',
          suggestion: '请在「100万以上项目」中列明该项目，或核对项目金额',
          data: { threshold: '100万元', project: '公务用车购置', amount: '249.80万元' },
        },
      ],
    },
    // A lower threshold from the options (50万元) catches the 68万元 project.
    {
      name: 'the threshold is an option',
      submission: submission().build(),
      options: { threshold: 500_000 },
      errors: [
        {
          messageId: 'contradicts',
          suggestion: '请在「100万以上项目」中列明该项目，或核对项目金额',
          data: { threshold: '50万元', project: '基层组织和农村公共服务运行维护费', amount: '68万元' },
        },
      ],
    },
  ],
});
