/**
 * scoring.target-missed-full-marks: a quantitative indicator whose 实际完成值 misses its 年度指标值 yet
 * scores its full 分值 (SPEC §6: a missed target scores in proportion). The reverse — every
 * comparable target met, yet points deducted — is reported too, as info, because reviewers ask
 * about it as well. Qualitative targets and differing units are never compared (support/target.ts).
 */
import { z } from 'zod';
import type { Evidence } from '../extractors/model/report-schema.js';
import type { DeepReadonly } from './rule.js';
import { defineRule } from './rule.js';
import { itemName } from './support/scoring.js';
import { evidenceOf, show, stated } from './support/stated.js';
import { compareTarget } from './support/target.js';

export default defineRule({
  meta: {
    id: 'scoring.target-missed-full-marks',
    title: '未达目标不应得满分',
    defaultSeverity: 'warning',
    description: {
      summary:
        '定量指标的实际完成值未达到年度指标值（方向按≥、≤、不低于、不高于、以内、以上判断，单位须一致）时，应按比例扣分而不应得满分。反过来，所有可比较的指标都已达标却扣了分，作为提示列出。定性指标或单位不同的指标不比较。',
      correct: '年度指标值≥95%，实际完成值96%，分值10分，得分10分。',
      incorrect: '年度指标值≥95%，实际完成值90%，分值10分，得分仍为10分。',
    },
    messages: {
      missedFullMarks: '指标「{{indicator}}」年度指标值{{target}}，实际完成值{{actual}}，未达目标，却得满分{{score}}',
      fixMissed: '未达目标应按比例扣分，或在偏差原因分析中说明；如实际已达标，请核对实际完成值',
      metButDeducted: '可比较的指标均已达到年度指标值，但{{indicators}}被扣分',
      fixMet: '请在偏差原因分析中说明扣分原因，或核对得分',
    },
    options: z.strictObject({
      /** Report the reverse case (all comparable targets met, yet points deducted) as info. @default true */
      reportMetButDeducted: z.boolean().default(true),
    }),
  },
  check(context) {
    const { items } = context.submission.report.scoring;
    const evidence = context.submission.extraction.evidence;
    const cells = (i: number): DeepReadonly<Evidence>[] =>
      (['target', 'actual'] as const).flatMap((key) => {
        const e = evidence[`scoring.items.${i}.${key}`];
        return e ? [e] : [];
      });
    let comparable = 0;
    let allMet = true;
    const deducted: { name: string; i: number }[] = [];
    items.forEach((item, i) => {
      if (item.deduction) return;
      const outcome = compareTarget(item.target, item.actual);
      if (outcome === 'uncomparable') return;
      comparable++;
      const score = stated(context, `scoring.items.${i}.score`, 'points', '分');
      const max = stated(context, `scoring.items.${i}.max`, 'points', '分');
      if (outcome === 'missed') allMet = false;
      if (!score || !max || score.quantity.approximate || max.quantity.approximate) return;
      const full = score.quantity.value.gte(max.quantity.value);
      if (outcome === 'missed' && full) {
        context.report({
          messageId: 'missedFullMarks',
          data: { indicator: itemName(item), target: item.target, actual: item.actual, score: show(score) },
          evidence: [...cells(i), ...evidenceOf(score, max)],
          suggestion: 'fixMissed',
        });
      } else if (outcome === 'met' && !full) deducted.push({ name: itemName(item), i });
    });
    if (!context.options.reportMetButDeducted || comparable === 0 || !allMet || deducted.length === 0) return;
    context.report({
      messageId: 'metButDeducted',
      data: {
        indicators: deducted.map(({ name, i }) => `「${name}」（${items[i]!.score}/${items[i]!.max}分）`).join('、'),
      },
      evidence: deducted.flatMap(({ i }) => [
        ...cells(i),
        ...evidenceOf(stated(context, `scoring.items.${i}.score`, 'points', '分')),
      ]),
      suggestion: 'fixMet',
      severity: 'info',
    });
  },
});
