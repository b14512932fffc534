/** The rule registry: one sorted map whose keys are the file names and meta ids of SPEC §4's catalogue. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listRules, ruleCatalogue, rules } from '../../rules/index.js';

/** SPEC §4 and §8: rule ids and default severities, in catalogue order. */
const spec: [string, string][] = [
  ['structure.required-sections', 'error'],
  ['structure.numbering', 'info'],
  ['staffing.authorized-sum', 'error'],
  ['staffing.actual-sum', 'error'],
  ['staffing.actual-within-authorized', 'warning'],
  ['staffing.control-rate', 'error'],
  ['funds.balance', 'error'],
  ['funds.projects-within-expenditure', 'error'],
  ['funds.large-project-claim', 'warning'],
  ['funds.repeated-figure', 'error'],
  ['funds.execution-matches-expenditure', 'warning'],
  ['budget.sources-sum', 'error'],
  ['budget.execution-rate', 'error'],
  ['budget.execution-score', 'warning'],
  ['scoring.item-within-max', 'error'],
  ['scoring.group-points', 'error'],
  ['scoring.max-total', 'warning'],
  ['scoring.table-total', 'error'],
  ['scoring.conclusion-matches-table', 'error'],
  ['scoring.target-missed-full-marks', 'warning'],
  ['scoring.grade-matches-total', 'info'],
  ['drug.breakdown', 'error'],
  ['drug.ledger', 'warning'],
  ['safety.hazards', 'error'],
  ['welfare.households-persons', 'error'],
  ['welfare.per-capita', 'warning'],
  ['text.breakdown-sum', 'warning'],
  ['text.rate', 'warning'],
  ['text.year-mismatch', 'info'],
  ['package.figures-agree', 'error'],
];

const cjk = /[\u4e00-\u9fff]/;

describe('the rule registry', () => {
  it('keeps its map keys sorted', () => {
    const keys = Object.keys(rules);
    expect(keys).toEqual([...keys].sort());
  });

  it('names every rule by its file name and meta.id', () => {
    const files = readdirSync(new URL('../../rules/', import.meta.url))
      .filter((f) => /^[a-z]+\.[a-z-]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(rules)).toEqual(files);
    for (const [key, rule] of Object.entries(rules)) expect(rule.meta.id).toBe(key);
  });

  it('has exactly the SPEC §4 catalogue with its default severities, in catalogue order', () => {
    expect(ruleCatalogue).toEqual(spec.map(([id]) => id));
    expect(listRules().map((r) => [r.id, r.defaultSeverity])).toEqual(spec);
  });

  it('gives every rule a Chinese title, examples, message templates and defaulted options', () => {
    for (const rule of Object.values(rules)) {
      const { meta } = rule;
      expect(meta.title, meta.id).toMatch(cjk);
      expect(meta.description.summary, meta.id).toMatch(cjk);
      expect(meta.description.correct, meta.id).toMatch(cjk);
      expect(meta.description.incorrect, meta.id).toMatch(cjk);
      expect(meta.description.correct, meta.id).not.toBe(meta.description.incorrect);
      const messages = Object.values(meta.messages as Record<string, string>);
      expect(messages.length, meta.id).toBeGreaterThan(0);
      for (const message of messages) expect(message, meta.id).toMatch(cjk);
      expect(() => meta.options.parse({}), meta.id).not.toThrow();
    }
  });

  it('lists the catalogue for `review-desk rules`', () => {
    expect(listRules()[0]).toEqual({
      id: 'structure.required-sections',
      defaultSeverity: 'error',
      title: '报告组成部分齐全',
    });
  });
});
