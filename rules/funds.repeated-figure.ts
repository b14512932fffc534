/**
 * funds.repeated-figure: a project or fund stated in more than one place (the project list appears
 * in 一（四） and again in 三（二）) carries the same amount each time, within stated precision.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { mayEqual } from './support/interval.js';
import { type StatedFigure, show, statedFromEvidence } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'funds.repeated-figure',
    title: '重复出现的金额一致',
    defaultSeverity: 'error',
    description: {
      summary:
        '同一项目或资金在报告中多处出现时（如「部门整体支出绩效目标」与「特定目标类项目绩效分析」），各处金额应一致。',
      correct: '两处均写「垃圾车运营维护费4万元」。',
      incorrect: '一处写「垃圾车运营维护费4万元」，另一处写「垃圾车运营维护费6万元」。',
    },
    messages: {
      differs: '「{{name}}」在报告中多处出现，金额不一致：{{first}}与{{other}}',
      fix: '请统一「{{name}}」在各处的金额',
    },
    options: z.strictObject({}),
  },
  check(context) {
    context.extraction.repeatedFigures.forEach((entry, i) => {
      const figures = entry.occurrences
        .map((occurrence, j) => statedFromEvidence(occurrence, `repeatedFigures.${i}.occurrences.${j}`, 'money'))
        .filter((f): f is StatedFigure => f !== null && !f.quantity.approximate);
      const [first, ...rest] = figures;
      if (!first) return;
      const differing = rest.filter((f) => !mayEqual(first.quantity, f.quantity));
      if (differing.length === 0) return;
      context.report({
        messageId: 'differs',
        data: { name: entry.name, first: show(first), other: differing.map(show).join('、') },
        evidence: [first, ...differing].map((f) => f.evidence!),
        suggestion: 'fix',
      });
    });
  },
});
