/** funds.large-project-claim: 「100万以上项目：无」 while a listed project is worth 100万元 or more. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { formatInUnit } from './support/format.js';
import { evidenceOf, show, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'funds.large-project-claim',
    title: '「100万以上项目」说法与项目金额一致',
    defaultSeverity: 'warning',
    description: {
      summary: '报告称「100万以上项目：无」时，所列项目中不应有金额达到100万元的项目。',
      correct: '所列项目最大为68万元，报告称「100万以上项目：无」。',
      incorrect: '所列项目中「基层组织和农村公共服务运行维护费」为168万元，报告却称「100万以上项目：无」。',
    },
    messages: {
      contradicts: '报告称{{threshold}}以上项目为无，但「{{project}}」金额为{{amount}}',
      fix: '请在「100万以上项目」中列明该项目，或核对项目金额',
    },
    options: z.strictObject({
      /** Amount in yuan from which a project counts as large. @default 1000000 (100万元) */
      threshold: z.number().positive().default(1_000_000),
    }),
  },
  check(context) {
    const { finance } = context.submission.report;
    if (finance.largeProjectsClaim !== 'none') return;
    const claim = context.extraction.evidence['finance.largeProjectsClaim'] ?? null;
    finance.projects.forEach((project, i) => {
      const amount = stated(context, `finance.projects.${i}.amount`, 'money');
      // 「100万以上」 includes 100万 itself; an approximate amount cannot prove the claim wrong.
      if (!amount || amount.quantity.approximate || amount.quantity.value.lt(context.options.threshold)) return;
      context.report({
        messageId: 'contradicts',
        data: {
          threshold: formatInUnit(context.options.threshold, '万元'),
          project: project.name,
          amount: show(amount),
        },
        evidence: [...(claim ? [claim] : []), ...evidenceOf(amount)],
        suggestion: 'fix',
      });
    });
  },
});
