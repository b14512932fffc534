/** safety.hazards: 隐患 found = 已整改 + 正在整改; and never fewer found than fixed. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { exceedsFails } from './support/interval.js';
import { evidenceOf, show, showLike, stated } from './support/stated.js';
import { sumMismatch } from './support/sum-check.js';

export default defineRule({
  meta: {
    id: 'safety.hazards',
    title: '安全隐患整改数合计',
    defaultSeverity: 'error',
    description: {
      summary: '发现的安全隐患数应等于已整改数与正在整改数之和；只写明已整改数时，已整改数不应超过发现数。',
      correct: '发现安全隐患共计59处，其已整改57处，2处正在整改中。',
      incorrect: '发现安全隐患共计59处，其已整改57处，4处正在整改中。',
    },
    messages: {
      mismatch: '发现安全隐患{{found}}，但已整改{{fixed}}、正在整改{{pending}}合计{{sum}}',
      fixedExceedsFound: '已整改安全隐患{{fixed}}，超过发现的隐患{{found}}',
      fix: '请核对发现、已整改和正在整改的隐患数',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const base = 'facts.safety';
    const found = sumMismatch(
      context,
      `${base}.hazardsFound`,
      [`${base}.hazardsFixed`, `${base}.hazardsPending`],
      'count',
      '处',
    );
    if (found) {
      const [fixed, pending] = found.parts;
      context.report({
        messageId: 'mismatch',
        data: {
          found: show(found.total),
          fixed: show(fixed!),
          pending: show(pending!),
          sum: showLike(found.sum.value, [found.total]),
        },
        evidence: evidenceOf(found.total, ...found.parts),
        suggestion: 'fix',
      });
      return;
    }
    // Without a pending count the breakdown cannot be checked, but more fixed than found is still impossible.
    if (stated(context, `${base}.hazardsPending`, 'count')) return;
    const total = stated(context, `${base}.hazardsFound`, 'count', '处');
    const fixed = stated(context, `${base}.hazardsFixed`, 'count', '处');
    if (!total || !fixed || !exceedsFails(fixed.quantity, total.quantity)) return;
    context.report({
      messageId: 'fixedExceedsFound',
      data: { found: show(total), fixed: show(fixed) },
      evidence: evidenceOf(total, fixed),
      suggestion: 'fix',
    });
  },
});
