/**
 * `check` without an output folder: an unexpected error on one file (here thrown by the caller's
 * per-file callback) rejects that file with a Chinese message, and the others are still checked.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../../pipeline/check/check-files.js';
import { CheckRunner } from '../../../pipeline/check/check-runner.js';
import { createLogger } from '../../../pipeline/support/logger.js';
import { capturedStream } from '../../support/captured-stream.js';
import { assertBuilt, repoRoot } from '../cli/support/cli.js';

const workerScript = new URL('../../../dist/pipeline/check/extract-worker.js', import.meta.url);
const pingdeng = join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx');
const jinhe = join(repoRoot, 'fixtures', 'samples', 'jinhe-2023.docx');

let runner: CheckRunner;

beforeAll(() => {
  assertBuilt();
  runner = new CheckRunner({ jobs: 1, script: workerScript });
});

afterAll(() => runner.close());

async function runWithFailure(verbose: boolean) {
  const stderr = capturedStream();
  const logger = createLogger({ stderr: stderr.stream, verbose });
  const results = await checkFiles([pingdeng, jinhe], {
    runner,
    logger,
    jobs: 1,
    onResult: (result) => {
      if (result.file === pingdeng && result.status === 'checked') throw new TypeError('boom in a callback');
    },
  });
  await logger.close();
  return { results, stderr: stderr.text() };
}

describe('checkFiles with an unexpected error on one file', () => {
  it('rejects that file with a Chinese message and checks the others', async () => {
    const { results, stderr } = await runWithFailure(false);
    expect(results.map((result) => [result.file, result.status])).toEqual([
      [pingdeng, 'rejected'],
      [jinhe, 'checked'],
    ]);
    expect(results[0]!.error).toEqual({
      code: 'corrupt-file',
      message: expect.stringMatching(/^处理该文件时发生内部错误.*--verbose/),
    });
    expect(stderr).toBe(`${pingdeng} 已退回：处理时发生内部错误\n`);
  });

  it('shows the stack under the line only when verbose', async () => {
    const { stderr } = await runWithFailure(true);
    expect(stderr).toMatch(/已退回：处理时发生内部错误\nTypeError: boom in a callback\n\s+at /);
  });
});
