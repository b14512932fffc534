/**
 * Mutation fuzzing through the real CLI: several hundred seeded mutants of the fixture DOCX and PDF
 * files (bit flips, truncations, chunk duplications/deletions, zip entry and header damage, broken
 * XML re-zipped, PDF xref/length/keyword damage) in one `check --json` batch. Every file must end
 * `checked` or `rejected`, nothing may hang or crash the process, and the batch must finish.
 * A failing mutant is reproducible from its file name (base, seed, mutation).
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionCodes } from '../../extractors/model/rejection.js';
import { mutate } from '../../fixtures/hostile/mutate.js';
import { type CheckOutput, checkOutputSchema } from '../../reports/result-schema.js';
import { type ChildRun, checkJson, chinese, MB, root, tempFolder } from './cli-run.js';

// The issue asks for at least 300 mutants in all; exactly that keeps the suite's longest file short on
// 2 cores (a mutant of an 11-page sample PDF costs ~0.7 s of CPU, a DOCX ~0.1 s).
const DOCX_MUTANTS = 180;
const PDF_MUTANTS = 120;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function bases(extension: 'docx' | 'pdf'): { name: string; bytes: Buffer }[] {
  const samples = join(root, 'fixtures/samples');
  const fromSamples = readdirSync(samples)
    .filter((name) => name.endsWith(`.${extension}`))
    .sort()
    .map((name) => ({ name: name.replace(/\.\w+$/, ''), bytes: readFileSync(join(samples, name)) }));
  // The small plain control file too: mutants of a short file reach its structure more often.
  const plain = { name: 'plain', bytes: readFileSync(join(root, `fixtures/hostile/files/plain.${extension}`)) };
  return [plain, ...fromSamples];
}

describe('mutation fuzzing through `review-desk check --json`', () => {
  const work = tempFolder('fuzz');
  const names: string[] = [];
  const seen = new Set<string>();
  let run: ChildRun;
  let output: CheckOutput;

  beforeAll(async () => {
    for (const [format, count] of [
      ['docx', DOCX_MUTANTS],
      ['pdf', PDF_MUTANTS],
    ] as const) {
      const [plain, ...samples] = bases(format);
      for (let seed = 1; seed <= count; seed++) {
        // Half the PDF mutants come from the one-page control PDF, which is cheap to read.
        const base = format === 'pdf' && seed % 2 === 0 ? plain! : [plain!, ...samples][seed % (samples.length + 1)]!;
        // A mutation can land on bytes another seed already produced: draw again until the mutant is new.
        let mutant = mutate(base.bytes, format, seed * 7919 + (format === 'pdf' ? 1 : 0));
        let retry = 0;
        while (seen.has(sha256(mutant.bytes))) {
          retry++;
          mutant = mutate(base.bytes, format, seed * 7919 + retry * 104729 + (format === 'pdf' ? 1 : 0));
        }
        seen.add(sha256(mutant.bytes));
        const name = `${format}-${String(seed).padStart(3, '0')}${retry ? `r${retry}` : ''}-${base.name}-${mutant.mutation}.${format}`;
        writeFileSync(join(work.path, name), mutant.bytes);
        names.push(name);
      }
    }
    run = await checkJson([work.path], { limits: { timeoutMs: 10_000 }, timeoutMs: 170_000 });
    output = checkOutputSchema.parse(JSON.parse(run.stdout));
  }, 180_000);

  afterAll(() => work.remove());

  it('makes at least 300 distinct mutants of both formats', () => {
    expect(names.length).toBeGreaterThanOrEqual(300);
    expect(seen.size).toBe(names.length);
    expect(new Set(output.results.map((result) => result.sha256)).size).toBe(names.length);
  });

  it('finishes the batch without hanging or crashing: exit 0 or 1, JSON for every file', () => {
    expect(run.timedOut, `batch still running after 170 s; stderr tail: ${run.stderr.slice(-2000)}`).toBe(false);
    expect(run.signal).toBeNull();
    expect([0, 1], run.stderr.slice(-2000)).toContain(run.code);
    const reported = output.results.map((result) => result.file.slice(result.file.lastIndexOf('/') + 1)).sort();
    expect(reported).toEqual([...names].sort());
  });

  it('ends every mutant checked, or rejected with a SPEC code and a Chinese message', () => {
    const wrong: string[] = [];
    for (const result of output.results) {
      const name = result.file.slice(result.file.lastIndexOf('/') + 1);
      if (result.status === 'checked') {
        if (result.report === null || result.error !== null) wrong.push(`${name}: checked without a report`);
      } else if (
        result.error === null ||
        !rejectionCodes.includes(result.error.code) ||
        !chinese.test(result.error.message) ||
        result.report !== null
      ) {
        wrong.push(`${name}: ${JSON.stringify(result.error)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the summary consistent with the results', () => {
    const checked = output.results.filter((result) => result.status === 'checked').length;
    expect(output.summary.files).toBe(names.length);
    expect(output.summary.checked).toBe(checked);
    expect(output.summary.rejected).toBe(names.length - checked);
  });

  it('stays within memory: the process tree under 1.5 GB', () => {
    expect(run.peakRssBytes).toBeLessThan(1536 * MB);
  });
});
