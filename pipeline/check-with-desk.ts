/**
 * `check --out DIR`: the same desk as `watch` (archive, store, memos, summary, results.json, mail)
 * over a fixed list of files, which are read but never moved or changed.
 */
import type { CheckResult } from '../reports/result-schema.js';
import { openDatabase } from './database.js';
import { Desk } from './desk.js';
import type { Extractor } from './extractor.js';
import type { Logger } from './logger.js';
import { mailPending } from './mail-step.js';
import { refreshOutputs } from './output-refresh.js';

export interface CheckWithDeskOptions {
  outDir: string;
  jobs: number;
  extractor: Extractor;
  logger: Logger;
  mail: { contactsFile: string } | null;
  /** Called as each file finishes. */
  tick: (label: string) => void;
  /** What to keep of each result for the caller (e.g. drop the large sidecar when only a table is printed). */
  keep: (result: CheckResult) => CheckResult;
}

/** Results in the order of `files`; unfinished submissions of an earlier, interrupted run are finished first. */
export async function checkWithDesk(files: readonly string[], options: CheckWithDeskOptions): Promise<CheckResult[]> {
  const db = openDatabase(options.outDir);
  try {
    const desk = new Desk({
      outDir: options.outDir,
      db,
      extractor: options.extractor,
      logger: options.logger,
      inbox: null,
      mailWanted: options.mail !== null,
      jobs: options.jobs,
    });
    await desk.prepare();
    const resumed = desk.resume();
    const outcomes = await Promise.allSettled(
      files.map(async (file) => {
        const outcome = await desk.submit(file);
        options.tick(file);
        if (!outcome.result) throw new Error(`${file} vanished while it was being read`);
        return options.keep(outcome.result);
      }),
    );
    await resumed;
    // Every file is extracted: the workers' heaps are given back before the batch outputs are built.
    await options.extractor.close();
    if (options.mail) await mailPending(desk, { contactsFile: options.mail.contactsFile, logger: options.logger });
    await refreshOutputs(desk);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<CheckResult>).value);
  } finally {
    db.close();
  }
}
