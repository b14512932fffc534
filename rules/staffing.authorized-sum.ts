/** staffing.authorized-sum: 总编制 = 行政编制 + 工勤编制 + 事业编制. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { evidenceOf, show, showLike } from './support/stated.js';
import { sumMismatch } from './support/sum-check.js';

export default defineRule({
  meta: {
    id: 'staffing.authorized-sum',
    title: '编制数合计',
    defaultSeverity: 'error',
    description: {
      summary: '总编制数应等于行政编制、工勤编制、事业编制之和（各项均写明时检查）。',
      correct: '总编制31名，其中：行政编制17名，工勤编制0名，事业编制14名。',
      incorrect: '总编制31名，其中：行政编制18名，工勤编制0名，事业编制14名。',
    },
    messages: {
      mismatch:
        '总编制{{total}}，但行政编制{{administrative}}、工勤编制{{service}}、事业编制{{institutional}}合计{{sum}}',
      fix: '总编制应为{{sum}}，或核对各类编制数',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const base = 'staffing.authorized';
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
