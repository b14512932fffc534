/**
 * Property tests: whatever figures a submission states (nulls, zeros, negatives, fractions, huge
 * or approximate values, odd sentences), every rule runs to completion — no internal-error
 * finding — and every finding fits the SPEC §3 finding schema with a Chinese message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../rules/engine.js';
import { findingSchema } from '../../rules/finding-schema.js';
import { seedSubmission, submission } from './support/submission-builder.js';

const seed = seedSubmission();
const figurePaths = Object.keys(seed.extraction.evidence).filter(
  (p) => typeof seed.extraction.evidence[p]!.value === 'number',
);

const figureValue = fc.oneof(
  fc.constant(null),
  fc.constant(0),
  fc.integer({ min: -1000, max: 100_000_000 }),
  fc.double({ min: -1e9, max: 1e12, noNaN: true, noDefaultInfinity: true }),
);

const change = fc.record({
  path: fc.constantFrom(...figurePaths),
  value: figureValue,
  halfUnit: fc.constantFrom(0, 0.005, 0.5, 50, 5000),
  approximate: fc.boolean(),
});

const sentenceText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '共',
        '其中',
        '，',
        '、',
        '。',
        '率',
        '成功率',
        '办结率',
        '小于',
        '以上',
        '余',
        '较',
        '以来',
        '《',
        '》',
      ),
      fc.constantFrom(
        '调处',
        '纠纷',
        '低保',
        '隐患',
        '资金',
        '人员',
        '户',
        '人',
        '名',
        '起',
        '万元',
        '元',
        '%',
        '年',
        '亩',
      ),
      fc.integer({ min: 0, max: 3000 }).map(String),
      fc.constantFrom('2019年', '2023年', '2024年度', '96.5%', '801.86万元', '0.5%'),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));

describe('the catalogue on arbitrary figures', () => {
  it('never breaks and always reports well-formed findings', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.array(sentenceText, { maxLength: 4 }), (changes, texts) => {
        const builder = submission();
        for (const c of changes) {
          builder.set(c.path, c.value, { halfUnit: c.halfUnit, approximate: c.approximate });
        }
        for (const text of texts) builder.sentence(text);
        const findings = runRules(builder.build());
        for (const finding of findings) {
          expect(finding.ruleId, finding.message).not.toBe('internal-error');
          expect(findingSchema.safeParse(finding).success).toBe(true);
          expect(finding.message).toMatch(/[\u4e00-\u9fff]/);
          expect(finding.message).not.toMatch(/NaN|undefined|Infinity|\{\{/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
