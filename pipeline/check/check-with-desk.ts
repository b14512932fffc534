/**
 * `check --out DIR`: the same desk as `watch` (archive, store, memos, summary, results.json, mail)
 * over a fixed list of files, which are read but never moved or changed.
 */
import type { CheckResult, PackageResult } from '../../reports/result-schema.js';
import { openDatabase } from '../desk/database.js';
import { Desk } from '../desk/desk.js';
import { refreshOutputs } from '../desk/output-refresh.js';
import { packagesFromStore } from '../desk/package-step.js';
import { mailPending } from '../mail/mail-step.js';
import type { Logger } from '../support/logger.js';
import type { RunStop } from '../support/run-stop.js';
import { type CheckedResult, complete } from './check-result.js';
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
  keep: (checked: CheckedResult) => CheckResult;
  /** Stops the run on a full disk or a failing store (the logger reports its own write errors to it too). */
  stop: RunStop;
  /** Receives the packages of the units and years this run touched, each over all its current documents in the store. */
  onPackages?: (packages: PackageResult[]) => void;
}

/**
 * Results in the order of `files`; unfinished submissions of an earlier, interrupted run are finished
 * first. A file the desk fails on unexpectedly becomes a rejected result; the others go on. A full
 * disk, an unwritable output folder or a failing store stops the run instead (the UserError is
 * thrown, exit 2): the files in hand stay at their recorded stage, and results.json, the summary and
 * mail are left as they were — a valid file is never reported as rejected for the machine's fault.
 */
export async function checkWithDesk(files: readonly string[], options: CheckWithDeskOptions): Promise<CheckResult[]> {
  const { stop } = options;
  const db = openDatabase(options.outDir);
  try {
    const desk = new Desk({
      onRunStop: (error) => stop.offer(error),
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
    const all = Promise.all(
      files.map(async (file) => {
        const checked = await desk.submit(file).then(
          async (outcome): Promise<CheckedResult> =>
            outcome.result
              ? { result: outcome.result, extractionJson: outcome.extractionJson }
              : complete(await internalError(file, new Error(`${file} 在读取过程中消失`))),
          async (error: unknown) => (stop.offer(error) ? null : complete(await internalError(file, error))),
        );
        if (stop.error) return null;
        options.tick(file);
        return options.keep(checked!);
      }),
    );
    const everything = all.then(async (list) => {
      await resumed;
      return list;
    });
    const finished = await Promise.race([everything, stop.stopped]);
    if (stop.error || !Array.isArray(finished)) {
      await desk.stop();
      throw stop.error;
    }
    const results = finished as CheckResult[];
    // Every file is extracted: the workers' heaps are given back before the batch outputs are built.
    await options.runner.close();
    if (options.mail) await mailPending(desk, { contactsFile: options.mail.contactsFile, logger: options.logger });
    const packages = packagesFromStore(desk.store, results, desk.ruleConfig);
    options.onPackages?.(packages);
    // results.json is what this run prints (issue #6).
    await refreshOutputs(desk, { printed: results, packages });
    if (stop.error) throw stop.error;
    return results;
  } finally {
    db.close();
  }
}
