/**
 * text.rate: a stated rate (办结率, 成功率, …) that no whole count can give, taking as base each
 * count stated before it in the same sentence and the rate's own precision (97% = [96.5%, 97.5%]).
 * 「调处25起，成功率97%」 fails: 24/25 = 96%, 25/25 = 100%.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { defineRule } from './rule.js';
import { figureEvidence, type ReadonlyFigure, type ReadonlySentence } from './support/sentence-figures.js';

/** Words that make the rate a bound, not a measured value. */
const comparators = /小于|大于|低于|高于|不低于|不少于|不高于|不超过|超过|至少|最高|最低|≥|≤|>|<|＞|＜/;
const boundAfter = /^(以上|以下|以内|左右|上下)/;
/** Rates of change are not shares of a count. */
const changeWords = /增长|增幅|增速|下降|降低|提高|提升|同比|环比|减少|增加/;

function halfOf(rate: ReadonlyFigure, value: Decimal): Decimal {
  const stated = new Decimal(rate.halfUnit || 0);
  if (stated.gt(0)) return stated;
  // No precision recorded: the last stated digit of the fraction is the convention (96% → 0.96 → 0.005).
  return new Decimal(5).times(new Decimal(10).pow(-(value.decimalPlaces() + 1)));
}

/** Whether some k/n (0 ≤ k ≤ n) lies within the rate's interval. */
function reachable(value: Decimal, half: Decimal, n: number): boolean {
  const low = Decimal.max(0, value.minus(half).times(n).ceil());
  const high = Decimal.min(n, value.plus(half).times(n).floor());
  return low.lte(high);
}

function percent(value: Decimal, places: number): string {
  const fixed = value.times(100).toFixed(places + 1);
  return `${fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed}%`;
}

function isBound(sentence: ReadonlySentence, rate: ReadonlyFigure, previousEnd: number): boolean {
  const before = sentence.text.slice(Math.max(previousEnd, rate.start - 6), rate.start);
  const after = sentence.text.slice(rate.end, rate.end + 3);
  return (
    comparators.test(before) || comparators.test(rate.raw) || boundAfter.test(after) || /以上|以下|以内/.test(rate.raw)
  );
}

export default defineRule({
  meta: {
    id: 'text.rate',
    title: '比率可由计数得出',
    defaultSeverity: 'warning',
    description: {
      summary:
        '正文中的比率（办结率、成功率等）应能由同一句中此前写明的件数按整数算出（考虑比率的记载精度）；带「小于、以上」等的比率和前面没有件数的比率不检查。',
      correct: '共调处各类矛盾纠纷25起，其中疑难纠纷3起，调处率100%，成功率达96%（24/25）。',
      incorrect: '共调处各类矛盾纠纷25起，成功率97%（24/25=96%，25/25=100%）。',
    },
    messages: {
      unreachable:
        '{{label}}{{rate}}无法由{{base}}按整数算出：{{lowerCount}}/{{baseCount}}={{lower}}，{{upperCount}}/{{baseCount}}={{upper}}',
      fix: '请核对{{label}}和件数，如{{lowerCount}}/{{baseCount}}应写作{{lower}}',
    },
    options: z.strictObject({}),
  },
  check(context) {
    for (const sentence of context.extraction.sentences) {
      const figures = [...sentence.figures].sort((a, b) => a.start - b.start);
      figures.forEach((rate, index) => {
        if (rate.kind !== 'rate' || !rate.label.includes('率') || rate.approximate || changeWords.test(rate.label))
          return;
        let value: Decimal;
        try {
          value = new Decimal(rate.value);
        } catch {
          return;
        }
        if (value.lt(0) || value.gt(1)) return;
        const previousEnd = index > 0 ? figures[index - 1]!.end : 0;
        if (isBound(sentence, rate, previousEnd)) return;
        const counts = figures.slice(0, index).filter((f) => f.kind === 'count');
        // 「共调处20余起，其中疑难纠纷4起，成功率96%」: the base may well be the approximate count.
        if (counts.some((f) => f.approximate)) return;
        const bases = counts.filter((f) => /^\d+$/.test(f.value) && Number(f.value) > 0);
        if (bases.length === 0) return;
        const half = halfOf(rate, value);
        if (bases.some((b) => reachable(value, half, Number(b.value)))) return;
        // The first count is usually the total the rate is a share of (「共调处25起，其中…，成功率…」).
        const base = bases[0]!;
        const n = Number(base.value);
        const lowerCount = value.times(n).floor().toNumber();
        const upperCount = Math.min(n, lowerCount + 1);
        const places = Math.max(0, value.times(100).decimalPlaces());
        context.report({
          messageId: 'unreachable',
          data: {
            label: rate.label,
            rate: rate.raw,
            base: base.raw,
            baseCount: n,
            lowerCount,
            upperCount,
            lower: percent(new Decimal(lowerCount).div(n), places),
            upper: percent(new Decimal(upperCount).div(n), places),
          },
          evidence: [figureEvidence(sentence, base), figureEvidence(sentence, rate)],
          suggestion: 'fix',
        });
      });
    }
  },
});
