/**
 * scoring.group-points: a 一级/二级 indicator's declared points, e.g. 动态调整（15分）, equal the sum
 * of the 指标分值 of the (non-deduction) items under it.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { difference, sumFails, sumOf } from './support/interval.js';
import { groupLevelName, groupName, isUnder } from './support/scoring.js';
import { evidenceOf, type StatedFigure, show, showLike, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'scoring.group-points',
    title: '指标分值与下级合计一致',
    defaultSeverity: 'error',
    description: {
      summary: '打分表中一级、二级指标标注的分值应等于其下三级指标分值之和（扣分项不计）。',
      correct: '「目标管理（40分）」下四个三级指标各10分，合计40分。',
      incorrect: '「动态调整（15分）」下三级指标分值为10分、5分、5分，合计20分。',
    },
    messages: {
      mismatch: '{{level}}「{{group}}」标注{{declared}}，其下三级指标分值合计{{sum}}',
      fixDecrease: '标注应为{{sum}}，或三级指标分值应减少{{gap}}',
      fixIncrease: '标注应为{{sum}}，或三级指标分值应增加{{gap}}',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const { items, groups } = context.submission.report.scoring;
    groups.forEach((group, g) => {
      const declared = stated(context, `scoring.groups.${g}.declaredMax`, 'points', '分');
      if (!declared) return;
      const maxes: (StatedFigure | null)[] = [];
      items.forEach((item, i) => {
        if (!item.deduction && isUnder(item, group))
          maxes.push(stated(context, `scoring.items.${i}.max`, 'points', '分'));
      });
      // No items found under the group, or one without a 分值: nothing reliable to compare.
      if (maxes.length === 0 || maxes.some((m) => m === null)) return;
      const parts = maxes as StatedFigure[];
      const quantities = parts.map((m) => m.quantity);
      if (!sumFails(declared.quantity, quantities)) return;
      const sum = sumOf(quantities);
      const gap = difference(sum, declared.quantity).value;
      context.report({
        messageId: 'mismatch',
        data: {
          level: groupLevelName(group),
          group: groupName(group),
          declared: show(declared),
          sum: showLike(sum.value, [declared]),
          gap: showLike(gap.abs(), [declared]),
        },
        evidence: evidenceOf(declared, ...parts),
        suggestion: gap.isPositive() ? 'fixDecrease' : 'fixIncrease',
      });
    });
  },
});
