/**
 * `check --out DIR`: the same desk as `watch` (archive, store, memos, summary, results.json, mail)
 * over a fixed list of files, which are read but never moved or changed.
 */
import type { CheckResult } from '../../reports/result-schema.js';
import { openDatabase } from '../desk/database.js';
import { Desk } from '../desk/desk.js';
import { refreshOutputs } from '../desk/output-refresh.js';
import { mailPending } from '../mail/mail-step.js';
import type { Logger } from '../support/logger.js';
import type { CheckRunner } from './check-runner.js';
import { internalErrorResult } from './internal-error-result.js';

export interface CheckWithDeskOptions {
  outDir: string;
  jobs: number;
  runner: CheckRunner;
  logger: Logger;
  mail: { contactsFile: string } | null;
  /** Called as each file finishes. */
  tick: (label: string) => void;
  /** What to keep of each result for the caller (e.g. drop the large sidecar when only a table is printed). */
  keep: (result: CheckResult) => CheckResult;
}

/**
 * Results in the order of `files`; unfinished submissions of an earlier, interrupted run are finished
 * first. A file the desk fails on unexpectedly becomes a rejected result; the others go on.
 */
export async function checkWithDesk(files: readonly string[], options: CheckWithDeskOptions): Promise<CheckResult[]> {
  const db = openDatabase(options.outDir);
  try {
    const desk = new Desk({
      outDir: options.outDir,
      db,
      runner: options.runner,
      logger: options.logger,
      inbox: null,
      mailWanted: options.mail !== null,
      jobs: options.jobs,
    });
    await desk.prepare();
    const resumed = desk.resume();
    // A file the desk fails on for a reason of its own is rejected, so the other files' results still reach the user.
    const internalError = (file: string, error: unknown) =>
      internalErrorResult(file, error, { limits: options.runner.limits, logger: options.logger, withLogFile: true });
    const results = await Promise.all(
      files.map(async (file) => {
        const result = await desk.submit(file).then(
          (outcome) => outcome.result ?? internalError(file, new Error(`${file} 在读取过程中消失`)),
          (error: unknown) => internalError(file, error),
        );
        options.tick(file);
        return options.keep(await result);
      }),
    );
    await resumed;
    // Every file is extracted: the workers' heaps are given back before the batch outputs are built.
    await options.runner.close();
    if (options.mail) await mailPending(desk, { contactsFile: options.mail.contactsFile, logger: options.logger });
    // results.json is what this run prints (issue #6).
    await refreshOutputs(desk, { printed: results });
    return results;
  } finally {
    db.close();
  }
}
