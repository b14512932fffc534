/**
 * `check` without an output folder: reads each file, extracts and checks it in the worker pool, and
 * returns the results in the order of the files. Nothing is written anywhere; the same content met
 * twice in one run is checked once.
 */
import PQueue from 'p-queue';
import type { CheckResult } from '../../reports/result-schema.js';
import { readIntakeFile, unreadableFile } from '../intake/intake.js';
import type { Logger } from '../support/logger.js';
import { type CheckedResult, complete, withExtraction } from './check-result.js';
import { type CheckRunner, type ExtractionRun, inFlightFiles } from './check-runner.js';
import { internalErrorResult } from './internal-error-result.js';

export interface CheckFilesOptions {
  readonly runner: CheckRunner;
  readonly logger: Logger;
  readonly jobs: number;
  /**
   * Called as each file finishes (in completion order). `announced`: a line about the file was
   * already shown (it could not be read, or failed), so the caller does not print a second one.
   */
  readonly onResult?: (result: CheckResult, run: ExtractionRun | null, announced: boolean) => void;
  /** What to keep of each result for the caller (e.g. drop the large sidecar when only a table is printed). */
  readonly keep?: (checked: CheckedResult) => CheckResult;
}

export async function checkFiles(paths: readonly string[], options: CheckFilesOptions): Promise<CheckResult[]> {
  const queue = new PQueue({ concurrency: inFlightFiles(options.jobs) });
  const byHash = new Map<string, Promise<CheckResult>>();

  const checkOne = async (path: string): Promise<CheckResult> => {
    let file: Awaited<ReturnType<typeof readIntakeFile>>;
    try {
      file = await readIntakeFile(path, options.runner.limits);
    } catch (error) {
      const { result, line } = unreadableFile(path, error, options.runner.limits);
      options.logger.error('file-unreadable', { path, code: (error as NodeJS.ErrnoException).code }, line);
      options.onResult?.(result, null, true);
      return result;
    }
    const known = byHash.get(file.sha256);
    if (known) {
      const result = { ...(await known), file: path };
      options.onResult?.(result, null, false);
      return result;
    }
    // Without a memo request the worker sends the result as objects: it is complete here.
    const running = options.runner.check(file, path);
    byHash.set(
      file.sha256,
      running.then((run) => withExtraction(run)),
    );
    const run = await running;
    const result = withExtraction(run);
    options.onResult?.(result, run, false);
    return result;
  };

  // A bug met on one file rejects that file; the others are still checked and printed.
  const internalError = async (path: string, error: unknown): Promise<CheckResult> => {
    const result = await internalErrorResult(path, error, {
      limits: options.runner.limits,
      logger: options.logger,
      withLogFile: false,
    });
    // internalErrorResult has printed the file's 已退回 line already.
    options.onResult?.(result, null, true);
    return result;
  };

  const keep = options.keep ?? withExtraction;
  return Promise.all(
    paths.map(
      (path) =>
        queue.add(async () =>
          keep(complete(await checkOne(path).catch((error: unknown) => internalError(path, error)))),
        ) as Promise<CheckResult>,
    ),
  );
}
