/**
 * The catalogue as a reviewer meets it: `review-desk rules` lists every rule of SPEC §4 and §8 with its
 * default severity, and rules/README.md documents each option every rule's zod schema accepts (and, of
 * the §8 rules without options, says so).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleById, ruleCatalogue } from '../../rules/index.js';
import { runMain } from '../pipeline/cli/support/cli.js';

const readme = readFileSync(new URL('../../rules/README.md', import.meta.url), 'utf8');

const section8 = [
  ['budget.execution-rate', 'error'],
  ['budget.execution-score', 'warning'],
  ['budget.sources-sum', 'error'],
  ['scoring.target-missed-full-marks', 'warning'],
  ['staffing.control-rate', 'error'],
  ['funds.execution-matches-expenditure', 'warning'],
  ['package.figures-agree', 'error'],
  ['scoring.grade-matches-total', 'info'],
] as const;

function optionKeys(id: string): string[] {
  const schema = ruleById(id)!.meta.options;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

describe('review-desk rules', () => {
  it('lists every rule of SPEC §8 with its default severity and Chinese title', async () => {
    const json = await runMain(['rules', '--json']);
    const { rules } = JSON.parse(json.stdout) as { rules: { id: string; defaultSeverity: string; title: string }[] };
    for (const [id, severity] of section8) {
      const listed = rules.find((rule) => rule.id === id);
      expect(listed, id).toMatchObject({ defaultSeverity: severity });
      expect(listed!.title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(rules.map((rule) => rule.id)).toEqual([...ruleCatalogue]);
    const text = await runMain(['rules']);
    for (const [id] of section8) expect(text.stdout).toContain(id);
  });
});

describe('rules/README.md', () => {
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'));

  it.each([...ruleCatalogue].filter((id) => optionKeys(id).length > 0))('documents every option of %s', (id) => {
    const row = rows.find((line) => line.startsWith(`| \`${id}\``));
    expect(row, `${id} has no row in the options table`).toBeDefined();
    for (const key of optionKeys(id)) expect(row).toContain(`\`${key}\``);
  });

  it('says which rules of SPEC §8 have no options', () => {
    for (const [id] of section8) {
      if (optionKeys(id).length > 0) continue;
      const sentence = readme.slice(readme.indexOf('The other rules of SPEC §8'));
      expect(sentence.slice(0, sentence.indexOf('have no options'))).toContain(`\`${id}\``);
    }
  });
});
