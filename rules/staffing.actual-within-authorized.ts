/** staffing.actual-within-authorized: 在职 ≤ 编制, in total and for each category stated on both sides. */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { difference, exceedsFails } from './support/interval.js';
import { evidenceOf, show, showLike, stated } from './support/stated.js';

const categories = [
  { key: 'total', actual: '在职人员总数', authorized: '总编制' },
  { key: 'administrative', actual: '行政在职人数', authorized: '行政编制' },
  { key: 'service', actual: '工勤在职人数', authorized: '工勤编制' },
  { key: 'institutional', actual: '事业在职人数', authorized: '事业编制' },
] as const;

export default defineRule({
  meta: {
    id: 'staffing.actual-within-authorized',
    title: '在职人数不超编制',
    defaultSeverity: 'warning',
    description: {
      summary: '在职人数不应超过编制数，总数和行政、工勤、事业各类分别比较（两边都写明时检查）。',
      correct: '总编制31名（行政编制17名）；在职人员总数22名（行政14名）。',
      incorrect: '总编制31名（行政编制17名）；在职人员总数22名（行政19名）。',
    },
    messages: {
      exceeds: '{{actualLabel}}{{actual}}，超过{{authorizedLabel}}{{authorized}}（超出{{excess}}）',
      check: '请核对{{actualLabel}}与{{authorizedLabel}}，超编情况应予说明',
    },
    options: z.strictObject({}),
  },
  check(context) {
    for (const category of categories) {
      const actual = stated(context, `staffing.actual.${category.key}`, 'count', '名');
      const authorized = stated(context, `staffing.authorized.${category.key}`, 'count', '名');
      if (!actual || !authorized || !exceedsFails(actual.quantity, authorized.quantity)) continue;
      context.report({
        messageId: 'exceeds',
        data: {
          actualLabel: category.actual,
          actual: show(actual),
          authorizedLabel: category.authorized,
          authorized: show(authorized),
          excess: showLike(difference(actual.quantity, authorized.quantity).value, [actual, authorized]),
        },
        evidence: evidenceOf(actual, authorized),
        suggestion: 'check',
      });
    }
  },
});
