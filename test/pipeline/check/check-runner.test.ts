/** The check runner in front of the worker pool: file bytes are moved, not copied, and memos come back only when asked for. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withExtraction } from '../../../pipeline/check/check-result.js';
import { CheckRunner } from '../../../pipeline/check/check-runner.js';
import { readIntakeFile } from '../../../pipeline/intake/intake.js';
import { assertBuilt, repoRoot } from '../cli/support/cli.js';

const workerScript = new URL('../../../dist/pipeline/check/extract-worker.js', import.meta.url);
const fixture = join(repoRoot, 'fixtures', 'samples', 'jinhe-2023.docx');

let runner: CheckRunner;

beforeAll(() => {
  assertBuilt();
  runner = new CheckRunner({ jobs: 1, script: workerScript });
});

afterAll(() => runner.close());

describe('CheckRunner', () => {
  it('moves the file’s bytes to the worker instead of copying them', async () => {
    const file = await readIntakeFile(fixture, runner.limits);
    const bytes = file.bytes!;
    expect(bytes.byteLength).toBeGreaterThan(0);
    const run = await runner.check(file, 'jinhe.docx');
    expect(run.result.status).toBe('checked');
    expect(file.bytes).toBeNull();
    // A transferred ArrayBuffer is detached on this side.
    expect(bytes.buffer.byteLength).toBe(0);
  });

  it('brings the plain memo back from the worker only when asked for, for the date asked', async () => {
    const plain = await runner.check(await readIntakeFile(fixture, runner.limits), 'jinhe.docx');
    expect(plain.memo).toBeNull();
    const date = new Date('2024-05-06T02:00:00Z');
    const run = await runner.check(await readIntakeFile(fixture, runner.limits), 'jinhe.docx', {
      memoDate: date,
    });
    expect(run.memo?.date).toBe(date.toISOString());
    expect(run.memo?.markdown).toContain('金河乡人民政府');
    expect(run.memo?.markdown).toContain('2024年5月6日');
    expect(run.memo?.html).toContain('<!doctype html>');
    expect(Buffer.from(run.memo!.docx.subarray(0, 2)).toString('latin1')).toBe('PK');
  });

  it('sends a checked result with a memo request as JSON bytes, the same result as the one sent as objects', async () => {
    const plain = await runner.check(await readIntakeFile(fixture, runner.limits), 'jinhe.docx');
    expect(plain.extractionJson).toBeNull();
    const run = await runner.check(await readIntakeFile(fixture, runner.limits), 'jinhe.docx', {
      memoDate: new Date('2024-05-06T02:00:00Z'),
    });
    expect(run.extractionJson).not.toBeNull();
    const text = Buffer.from(run.extractionJson!.json).toString('utf8');
    expect(text).toBe(JSON.stringify(plain.result));
    // The result in hand is plain data without the sidecar: spreading it reads and parses nothing.
    expect(run.result.extraction).toBeNull();
    expect(Object.values(Object.getOwnPropertyDescriptors(run.result)).every((d) => 'value' in d)).toBe(true);
    expect({ ...run.result, file: 'other.docx' }.extraction).toBeNull();
    expect(run.extractionJson!.problems).toEqual(plain.result.extraction?.problems);
    const full = withExtraction(run);
    expect(full.extraction?.sentences.length).toBeGreaterThan(0);
    expect(full).toEqual(plain.result);
  });
});
