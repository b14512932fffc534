/**
 * The read limits of extractors/limits.ts, set through the config file's `limits`, each observed on
 * a real submission just past it: the file is `rejected` as `too-large` (or, for a stopped worker,
 * `corrupt-file`) with a Chinese message, and the other files of the batch are unaffected.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadLimits } from '../../extractors/model/limits.js';
import { type CheckOutput, checkOutputSchema } from '../../reports/result-schema.js';
import { checkJson, chinese, root, tempFolder } from './cli-run.js';

const seedDocx = join(root, 'fixtures/samples/pingdeng-2023.docx');
const seedPdf = join(root, 'fixtures/samples/pingdeng-2023.pdf');
const flateBomb = join(root, 'fixtures/hostile/files/flate-bomb.pdf');

async function checkWith(limits: Partial<ReadLimits>, files: Record<string, string>) {
  const work = tempFolder('limits');
  try {
    for (const [name, source] of Object.entries(files)) copyFileSync(source, join(work.path, name));
    const run = await checkJson([work.path], { limits, timeoutMs: 120_000 });
    expect([0, 1], run.stderr.slice(-1500)).toContain(run.code);
    const output: CheckOutput = checkOutputSchema.parse(JSON.parse(run.stdout));
    const byName = (name: string) => output.results.find((result) => result.file.endsWith(`/${name}`))!;
    return { run, byName };
  } finally {
    work.remove();
  }
}

describe('read limits from the config', () => {
  it('refuses a file over maxFileBytes and reads the one under it', async () => {
    const { byName } = await checkWith({ maxFileBytes: 100_000 }, { 'big.pdf': seedPdf, 'small.docx': seedDocx });
    expect(byName('big.pdf').status).toBe('rejected');
    expect(byName('big.pdf').error?.code).toBe('too-large');
    expect(byName('big.pdf').error?.message).toMatch(chinese);
    expect(byName('small.docx').status).toBe('checked');
  });

  it('refuses a PDF with more pages than maxPages', async () => {
    const { byName } = await checkWith({ maxPages: 5 }, { 'eleven-pages.pdf': seedPdf, 'word.docx': seedDocx });
    expect(byName('eleven-pages.pdf').error?.code).toBe('too-large');
    expect(byName('eleven-pages.pdf').error?.message).toMatch(chinese);
    expect(byName('word.docx').status).toBe('checked');
  });

  it('refuses a DOCX whose zip inflates past maxUncompressedBytes, and a PDF whose streams do', async () => {
    const { byName } = await checkWith(
      { maxUncompressedBytes: 100_000 },
      { 'seed.docx': seedDocx, 'seed.pdf': seedPdf },
    );
    expect(byName('seed.docx').error?.code).toBe('too-large');
    expect(byName('seed.docx').error?.message).toMatch(chinese);
    expect(byName('seed.pdf').error?.code).toBe('too-large');
    expect(byName('seed.pdf').error?.message).toMatch(chinese);
  });

  it('refuses a PDF stream that inflates past maxCompressionRatio before pdf.js reads it', async () => {
    const { run, byName } = await checkWith({}, { 'bomb.pdf': flateBomb, 'seed.docx': seedDocx });
    expect(byName('bomb.pdf').error?.code).toBe('too-large');
    expect(byName('bomb.pdf').error?.message).toMatch(/解压/);
    expect(byName('seed.docx').status).toBe('checked');
    expect(run.elapsedMs).toBeLessThan(20_000);
  });

  it('stops a file that runs past timeoutMs and carries on with the rest', async () => {
    // With the stream guard opened wide, the flate bomb keeps pdf.js busy for ~10 s of CPU; a 3 s budget must stop its worker.
    const { run, byName } = await checkWith(
      { timeoutMs: 3000, maxCompressionRatio: 1_000_000, maxUncompressedBytes: 2_000_000_000 },
      { 'a-slow.pdf': flateBomb, 'b-seed.docx': seedDocx },
    );
    expect(byName('a-slow.pdf').status).toBe('rejected');
    expect(['too-large', 'corrupt-file']).toContain(byName('a-slow.pdf').error?.code);
    expect(byName('a-slow.pdf').error?.message).toMatch(/超时/);
    expect(byName('b-seed.docx').status).toBe('checked');
    expect(run.elapsedMs).toBeLessThan(20_000);
  });
});
