/** drug.breakdown: 涉毒人员 = 死亡 + 羁押服刑 + 强制隔离 + 社区康复 + 戒断 (when all are stated). */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { evidenceOf, show, showLike } from './support/stated.js';
import { sumMismatch } from './support/sum-check.js';

export default defineRule({
  meta: {
    id: 'drug.breakdown',
    title: '涉毒人员分类合计',
    defaultSeverity: 'error',
    description: {
      summary: '涉毒人员总数应等于死亡、羁押服刑、强制隔离、社区康复、戒断人数之和（各项均写明时检查）。',
      correct: '涉毒人员25人，死亡4人，2人羁押服刑，1人强制隔离，4人社区康复，14人戒断3年无复吸。',
      incorrect: '涉毒人员25人，死亡4人，2人羁押服刑，1人强制隔离，4人社区康复，16人戒断3年无复吸。',
    },
    messages: {
      mismatch:
        '涉毒人员{{registered}}，但死亡{{deceased}}、羁押服刑{{imprisoned}}、强制隔离{{compulsoryRehab}}、社区康复{{communityRehab}}、戒断{{abstinent}}合计{{sum}}',
      fix: '请核对涉毒人员总数与各类人数，使总数等于各类之和',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const base = 'facts.drugControl';
    const keys = ['deceased', 'imprisoned', 'compulsoryRehab', 'communityRehab', 'abstinent'] as const;
    const found = sumMismatch(
      context,
      `${base}.registered`,
      keys.map((k) => `${base}.${k}` as const),
      'count',
      '人',
    );
    if (!found) return;
    const data: Record<string, string> = {
      registered: show(found.total),
      sum: showLike(found.sum.value, [found.total]),
    };
    keys.forEach((key, i) => {
      data[key] = show(found.parts[i]!);
    });
    context.report({
      messageId: 'mismatch',
      data,
      evidence: evidenceOf(found.total, ...found.parts),
      suggestion: 'fix',
    });
  },
});
