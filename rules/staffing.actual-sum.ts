/** staffing.actual-sum: 在职人员总数 = 行政 + 工勤 + 事业 (离休 and 退休 are not 在职). */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { evidenceOf, show, showLike } from './support/stated.js';
import { sumMismatch } from './support/sum-check.js';

export default defineRule({
  meta: {
    id: 'staffing.actual-sum',
    title: '在职人数合计',
    defaultSeverity: 'error',
    description: {
      summary: '在职人员总数应等于行政、工勤、事业在职人数之和（各项均写明时检查；离退休人员不计入）。',
      correct: '在职人员总数22名，其中：行政14名，工勤0名，事业8名。',
      incorrect: '在职人员总数22名，其中：行政14名，工勤0名，事业9名。',
    },
    messages: {
      mismatch: '在职人员总数{{total}}，但行政{{administrative}}、工勤{{service}}、事业{{institutional}}合计{{sum}}',
      fix: '在职人员总数应为{{sum}}，或核对各类在职人数',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const base = 'staffing.actual';
    const found = sumMismatch(
      context,
      `${base}.total`,
      [`${base}.administrative`, `${base}.service`, `${base}.institutional`],
      'count',
      '名',
    );
    if (!found) return;
    const [administrative, service, institutional] = found.parts;
    context.report({
      messageId: 'mismatch',
      data: {
        total: show(found.total),
        administrative: show(administrative!),
        service: show(service!),
        institutional: show(institutional!),
        sum: showLike(found.sum.value, [found.total]),
      },
      evidence: evidenceOf(found.total, ...found.parts),
      suggestion: 'fix',
    });
  },
});
