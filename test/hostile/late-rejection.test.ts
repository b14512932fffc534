/**
 * A PDF found by the fuzz test (fixtures/hostile/files/fuzz-xref-late-rejection.pdf): its page
 * objects' xref offsets are wrong, pdf.js recovers and the file is read — and then pdf.js rejects a
 * promise nobody handles, after readDocument has returned. In a worker thread that unhandled
 * rejection becomes an 'error' event: it must cost at most that one file, never the next file in the
 * same worker and never the whole batch.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip, rewriteZip } from '../../fixtures/hostile/zip.js';
import { checkOutputSchema } from '../../reports/result-schema.js';
import { checkJson, root, tempFolder } from './cli-run.js';

const culprit = join(root, 'fixtures/hostile/files/fuzz-xref-late-rejection.pdf');
const good = join(root, 'fixtures/samples/pingdeng-2023.docx');

/** Copy `index` of a good submission with distinct bytes (a comment after the root element). */
function goodCopy(index: number): Buffer {
  const entries = readZip(readFileSync(good));
  const document = entries.find((entry) => entry.name === 'word/document.xml')!;
  const xml = `${Buffer.from(document.data).toString('utf8')}<!-- copy ${index} -->`;
  return rewriteZip(entries, new Map([['word/document.xml', Buffer.from(xml, 'utf8')]]));
}

describe('a library promise rejected after the answer (one worker, the culprit first)', () => {
  const work = tempFolder('late-rejection');
  afterAll(() => work.remove());

  it('leaves the batch and every other file unharmed', async () => {
    // File names sort the culprit first, then the good copies run in the same worker right after it.
    writeFileSync(join(work.path, 'a-culprit.pdf'), readFileSync(culprit));
    for (let index = 0; index < 12; index++) {
      writeFileSync(join(work.path, `b-good-${String(index).padStart(2, '0')}.docx`), goodCopy(index));
    }
    const run = await checkJson([work.path], { timeoutMs: 120_000, extra: ['--jobs', '1'] });
    expect(run.stdout.length, `no JSON on stdout; stderr tail: ${run.stderr.slice(-1500)}`).toBeGreaterThan(0);
    expect([0, 1]).toContain(run.code);
    const output = checkOutputSchema.parse(JSON.parse(run.stdout));
    expect(output.results).toHaveLength(13);
    const harmed = output.results
      .filter((result) => result.file.includes('b-good-') && result.status !== 'checked')
      .map((result) => `${result.file}: ${result.error?.message}`);
    expect(harmed).toEqual([]);
  }, 130_000);
});
