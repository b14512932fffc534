/** The hand-made results of support/seed-result.ts say what a real check says, so synthetic cases cannot drift from the rules. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFixture, realSeedResult } from './support/checked-submission.js';
import { seedFindings, seedResult, warningFinding } from './support/seed-result.js';

describe('the hand-made seed result', () => {
  it('has exactly the findings the rules give on the seed DOCX, in the same order', async () => {
    const real = await realSeedResult('docx');
    expect(seedFindings).toEqual(real.findings);
    expect(seedResult().findings.map((finding) => finding.messageId)).toEqual([
      'breaks',
      'mismatch',
      'mismatch',
      'otherYear',
    ]);
  });

  it('has the report the seed DOCX extracts to, which is the contract report', async () => {
    const real = await realSeedResult('docx');
    const contract = JSON.parse(
      readFileSync(new URL('../../fixtures/expected/pingdeng-2023.report.json', import.meta.url), 'utf8'),
    );
    expect(seedResult().report).toEqual(contract);
    expect(real.report).toEqual(contract);
  });
});

describe('the hand-made warning', () => {
  it('is the welfare.per-capita finding of the discrepancy fixture welfare.per-capita.pdf', async () => {
    const real = await checkFixture('discrepancies/welfare.per-capita.pdf', 'submissions/welfare.per-capita.pdf');
    const found = real.findings.filter((finding) => finding.ruleId === 'welfare.per-capita');
    // The PDF's evidence also outlines each figure on its page (SPEC §7 box); the hand-made one has no page geometry.
    for (const evidence of found.flatMap((finding) => finding.evidence)) {
      expect((evidence.location as { box?: number[] }).box).toHaveLength(4);
    }
    const withoutBoxes = found.map((finding) => ({
      ...finding,
      evidence: finding.evidence.map((evidence) => {
        const { box: _box, ...location } = evidence.location as typeof evidence.location & { box?: unknown };
        return { ...evidence, location };
      }),
    }));
    expect(withoutBoxes).toEqual([warningFinding]);
  });
});
