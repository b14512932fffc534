/**
 * The benchmark's generated submissions are only worth timing if they are right: a DOCX variant
 * (another unit name, other figures) must get exactly the findings of the fixture it came from, and
 * a replicated PDF must differ in bytes but read the same. (Kept beside the hostile-input suites:
 * the bench and its corpus generator are owned together with them.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distinctPdf } from '../../bench/office-convert.js';
import { varyDocx } from '../../bench/vary-docx.js';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';
import { seededRandom } from '../../fixtures/hostile/seeded-random.js';
import { runRules } from '../../rules/engine.js';
import { root } from './cli-run.js';

const samples = join(root, 'fixtures/samples');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function check(bytes: Uint8Array) {
  const submission = parseReport(await readDocument(bytes));
  return {
    unit: submission.report.unit,
    income: submission.report.finance.income,
    ruleIds: runRules(submission)
      .map((finding) => finding.ruleId)
      .sort(),
  };
}

describe('the benchmark corpus', () => {
  it.each(['pingdeng-2023.docx', 'baiyang-2023.docx', 'nongye-2023.docx'])(
    'varies %s (unit, figures) and keeps its findings',
    async (name) => {
      const fixture = readFileSync(join(samples, name));
      const original = await check(fixture);
      for (const index of [0, 1, 37, 901]) {
        const variant = varyDocx(fixture, index, seededRandom(index + 1));
        expect(variant.applied, `${name} #${index}: nothing substituted`).toBeGreaterThan(0);
        const varied = await check(variant.bytes);
        expect(varied.unit, `${name} #${index}`).not.toBe(original.unit);
        expect(varied.ruleIds, `${name} #${index}`).toEqual(original.ruleIds);
      }
    },
  );

  it('gives every variant its own unit name, so none supersedes another', async () => {
    const fixture = readFileSync(join(samples, 'pingdeng-2023.docx'));
    const units = new Set<string | null>();
    for (let index = 0; index < 40; index++) {
      units.add((await check(varyDocx(fixture, index, seededRandom(index + 1)).bytes)).unit);
    }
    expect(units.size).toBe(40);
  });

  it('replicates a PDF with distinct bytes that read exactly the same', async () => {
    const pdf = readFileSync(join(samples, 'pingdeng-2023.pdf'));
    const copies = [distinctPdf(pdf, 1), distinctPdf(pdf, 2)];
    expect(new Set([sha(pdf), ...copies.map(sha)]).size).toBe(3);
    const original = await check(pdf);
    for (const copy of copies) {
      expect(copy.length).toBe(pdf.length);
      expect(await check(copy)).toEqual(original);
    }
  });
});
