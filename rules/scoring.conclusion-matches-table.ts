/** scoring.conclusion-matches-table: the score claimed in 评价结论 is the table's 部门整体自评得分. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { mayEqual } from './support/interval.js';
import { evidenceOf, show, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'scoring.conclusion-matches-table',
    title: '评价结论得分与打分表一致',
    defaultSeverity: 'error',
    description: {
      summary: '「评价结论」中写明的绩效评价得分应等于打分表的「部门整体自评得分」。',
      correct: '评价结论「绩效评价得分：97分」，打分表部门整体自评得分97。',
      incorrect: '评价结论「绩效评价得分：98分」，打分表部门整体自评得分97。',
    },
    messages: {
      mismatch: '评价结论中的得分{{conclusion}}与打分表部门整体自评得分{{table}}不一致',
      fix: '请统一评价结论与打分表中的得分',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const conclusion = stated(context, 'scoring.conclusionScore', 'points', '分');
    const table = stated(context, 'scoring.tableTotal', 'points', '分');
    if (!conclusion || !table || conclusion.quantity.approximate || table.quantity.approximate) return;
    if (mayEqual(conclusion.quantity, table.quantity)) return;
    context.report({
      messageId: 'mismatch',
      data: { conclusion: show(conclusion), table: show(table) },
      evidence: evidenceOf(conclusion, table),
      suggestion: 'fix',
    });
  },
});
