/** staffing.control-rate: a basic-data table's stated 控制率 = 实际在职人数 ÷ 编制数, within its stated precision (SPEC §8). */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { overlap, rateBounds, ratioBounds, showPercent, showStatedRate } from './support/ratio.js';
import { evidenceOf, show, stated } from './support/stated.js';

export default defineRule({
  meta: {
    id: 'staffing.control-rate',
    title: '人员控制率计算正确',
    defaultSeverity: 'error',
    description: {
      summary: '基础数据表中的编制内在职人员控制率应等于实际在职人数 ÷ 编制数，按控制率的记载精度比较。',
      correct: '编制数46人，实际在职人数50人，控制率108.70%（50 ÷ 46 = 108.70%；超编另由「在职人数不超编制」提示）。',
      incorrect: '编制数46人，实际在职人数50人，控制率填报为100%。',
    },
    messages: {
      mismatch: '实际在职人数{{actual}} ÷ 编制数{{authorized}} = {{computed}}，与填报的控制率{{rate}}不符',
      fix: '控制率应为{{computed}}，或核对编制数和实际在职人数',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const rate = stated(context, 'staffing.controlRate', 'rate');
    const actual = stated(context, 'staffing.actual.total', 'count', '人');
    const authorized = stated(context, 'staffing.authorized.total', 'count', '人');
    if (!rate || !actual || !authorized) return;
    if (rate.quantity.approximate || actual.quantity.approximate || authorized.quantity.approximate) return;
    const computed = ratioBounds(actual.quantity, authorized.quantity);
    if (!computed || overlap(computed, rateBounds(rate))) return;
    context.report({
      messageId: 'mismatch',
      data: {
        actual: show(actual),
        authorized: show(authorized),
        computed: showPercent(actual.quantity.value.div(authorized.quantity.value)),
        rate: showStatedRate(rate),
      },
      evidence: evidenceOf(rate, actual, authorized),
      suggestion: 'fix',
    });
  },
});
