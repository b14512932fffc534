/** scoring.item-within-max: 0 ≤ 自评打分 ≤ 指标分值 for every item (the 扣分项 row: deducted points ≤ its 分值). */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { exceedsFails, quantity, surelyGreater } from './support/interval.js';
import { itemName } from './support/scoring.js';
import { evidenceOf, show, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'scoring.item-within-max',
    title: '自评打分不超指标分值',
    defaultSeverity: 'error',
    description: {
      summary: '每个三级指标的自评打分应在0分与该指标分值之间；扣分项的扣分不应超过其分值。',
      correct: '「执行进度」指标分值5分，自评打分3分。',
      incorrect: '「执行进度」指标分值5分，自评打分6分。',
    },
    messages: {
      aboveMax: '指标「{{item}}」自评打分{{score}}，超过指标分值{{max}}',
      negative: '指标「{{item}}」自评打分{{score}}，不应低于0分',
      deductionAboveMax: '扣分项扣分{{score}}，超过其分值{{max}}',
      fixAbove: '自评打分应不超过{{max}}',
      fixNegative: '自评打分应在0分至{{max}}之间',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const zero = quantity(0);
    context.submission.report.scoring.items.forEach((item, i) => {
      const score = stated(context, `scoring.items.${i}.score`, 'points', '分');
      const max = stated(context, `scoring.items.${i}.max`, 'points', '分');
      if (!score || !max) return;
      // Formatted only for a finding: most documents have dozens of items and none out of range.
      const finding = (
        messageId: 'aboveMax' | 'negative' | 'deductionAboveMax',
        suggestion: 'fixAbove' | 'fixNegative',
      ) =>
        context.report({
          messageId,
          data: { item: itemName(item), score: show(score), max: show(max) },
          evidence: evidenceOf(score, max),
          suggestion,
        });
      if (item.deduction) {
        // Deductions are written either as 2 or as −2: only their size matters.
        const size = { ...score.quantity, value: score.quantity.value.abs() };
        if (exceedsFails(size, max.quantity)) finding('deductionAboveMax', 'fixAbove');
        return;
      }
      if (!score.quantity.approximate && surelyGreater(zero, score.quantity)) {
        finding('negative', 'fixNegative');
      } else if (exceedsFails(score.quantity, max.quantity)) {
        finding('aboveMax', 'fixAbove');
      }
    });
  },
});
