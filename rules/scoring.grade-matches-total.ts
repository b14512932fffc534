/** scoring.grade-matches-total: the stated 自评等级 is the band the 总分 falls in (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60; SPEC §6, §8). */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { gradeFor, normalizeGrade } from './support/grade.js';
import { evidenceOf, show, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'scoring.grade-matches-total',
    title: '自评等级与总分相符',
    defaultSeverity: 'info',
    description: {
      summary:
        '填报的自评等级应为总分所在的等级：90分及以上为优，80（含）至90分为良，60（含）至80分为中，60分以下为差。',
      correct: '总分98分，自评等级「优」。',
      incorrect: '总分86分，自评等级填报为「优」（应为「良」）。',
    },
    messages: {
      mismatch: '总分{{total}}对应等级「{{implied}}」，但填报的自评等级为「{{grade}}」',
      fix: '自评等级应为「{{implied}}」，或核对总分',
    },
    options: z.strictObject({
      /** Lowest 总分 of each band. @default { 优: 90, 良: 80, 中: 60 } */
      bands: z.strictObject({ 优: z.number(), 良: z.number(), 中: z.number() }).default({ 优: 90, 良: 80, 中: 60 }),
    }),
  },
  check(context) {
    const { scoring } = context.submission.report;
    const grade = normalizeGrade(scoring.grade);
    const total = stated(context, 'scoring.tableTotal', 'points', '分');
    if (!grade || !total || total.quantity.approximate) return;
    const implied = gradeFor(total.quantity.value.toNumber(), context.options.bands);
    if (implied === grade) return;
    const gradeEvidence = context.submission.extraction.evidence['scoring.grade'];
    context.report({
      messageId: 'mismatch',
      data: { total: show(total), implied, grade: scoring.grade ?? grade },
      evidence: [...(gradeEvidence ? [gradeEvidence] : []), ...evidenceOf(total)],
      suggestion: 'fix',
    });
  },
});
