/**
 * welfare.per-capita: funds ÷ persons for a benefit lies within a plausible yearly range per
 * person. Ranges are options keyed by a keyword of the benefit's label; the defaults below are
 * deliberately wide (they catch a misplaced 万 or a wrong head count, not policy differences).
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { defineRule } from './rule.js';
import { formatInUnit } from './support/format.js';
import { lowerBound, upperBound } from './support/interval.js';
import { evidenceOf, show } from './support/stated.js';
import { benefitGroups } from './support/welfare.js';

const range = z
  .strictObject({ min: z.number().nonnegative(), max: z.number().positive() })
  .refine((r) => r.min <= r.max, { message: 'min 不应大于 max' });

/** Yuan per person per year. */
export const defaultPerCapitaRanges: Readonly<Record<string, { min: number; max: number }>> = {
  // 农村/城市低保: monthly standards of a few hundred yuan, paid as a top-up, so well under the standard × 12.
  低保: { min: 600, max: 15_000 },
  // 特困供养: basic living plus care allowance; higher than 低保.
  特困: { min: 2_000, max: 30_000 },
  // 高龄补贴: tens to a few hundred yuan a month depending on age band.
  高龄: { min: 100, max: 5_000 },
  // 重度残疾人护理补贴 and 困难残疾人生活补贴: tens to ~200 yuan a month.
  残疾人护理补贴: { min: 200, max: 3_000 },
  残疾人生活补贴: { min: 200, max: 3_000 },
};

export default defineRule({
  meta: {
    id: 'welfare.per-capita',
    title: '人均补助金额合理',
    defaultSeverity: 'warning',
    description: {
      summary: '各项民政补助的发放金额除以人数（元/人/年）应在合理区间内；区间按补助名称关键词配置。',
      correct: '低保608人，发放资金165.7206万元（人均约2725.7元/年）。',
      incorrect: '低保608人，发放资金1657.206万元（人均约27257元/年，远超合理区间）。',
    },
    messages: {
      outOfRange:
        '{{label}}发放资金{{funds}}，人数{{persons}}，人均{{perCapita}}/年，{{direction}}合理区间{{min}}至{{max}}',
      fix: '请核对{{label}}的发放金额（万元/元）和人数',
    },
    options: z.strictObject({
      /** Ranges by keyword of the benefit label, merged over the defaults above. */
      ranges: z
        .record(z.string().min(1), range)
        .default({})
        .transform((user) => ({ ...defaultPerCapitaRanges, ...user })),
    }),
  },
  check(context) {
    const ranges = Object.entries(context.options.ranges).sort(([a], [b]) => b.length - a.length);
    for (const group of benefitGroups(context)) {
      const { funds, persons } = group;
      if (!funds || !persons || funds.quantity.approximate || persons.quantity.approximate) continue;
      if (persons.quantity.value.lte(0)) continue;
      // The longest matching keyword is the most specific one.
      const match = ranges.find(([keyword]) => group.label.includes(keyword));
      if (!match) continue;
      const [, { min, max }] = match;
      const personsLow = Decimal.max(lowerBound(persons.quantity), 1);
      const lowest = lowerBound(funds.quantity).div(upperBound(persons.quantity));
      const highest = upperBound(funds.quantity).div(personsLow);
      const tooHigh = lowest.gt(max);
      if (!tooHigh && !highest.lt(min)) continue;
      const perCapita = funds.quantity.value.div(persons.quantity.value);
      context.report({
        messageId: 'outOfRange',
        data: {
          label: group.label,
          funds: show(funds),
          persons: show(persons),
          perCapita: formatInUnit(perCapita, '元', { decimals: 1 }),
          direction: tooHigh ? '高于' : '低于',
          min: formatInUnit(min, '元'),
          max: formatInUnit(max, '元'),
        },
        evidence: evidenceOf(funds, persons),
        suggestion: 'fix',
      });
    }
  },
});
