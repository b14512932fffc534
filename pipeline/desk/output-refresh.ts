/** Rebuilds an output folder's results.json and summary from the store, with each submission's mail state. */
import { type CheckResult, type PackageResult, summarize } from '../../reports/result-schema.js';
import { mailStates, noteCorrectedPackageFindings, withPackageMailStates } from '../mail/mail-step.js';
import { applyDecisions } from './decisions.js';
import type { Desk } from './desk.js';
import {
  printedEntries,
  storeEntries,
  storeSummary,
  summaryRows,
  writeResultsJson,
  writeSummaries,
} from './outputs.js';
import { allPackages, writePackageMemos } from './package-step.js';

export interface RefreshOptions {
  /**
   * What `check --out` prints, in its order: results.json is then exactly that (SPEC §3, issue #6).
   * Absent (watch): results.json holds every submission the store knows, superseded ones marked.
   */
  readonly printed?: readonly CheckResult[];
  /** The packages `check --out` prints beside the results (SPEC §7). */
  readonly packages?: readonly PackageResult[];
}

export async function refreshOutputs(desk: Desk, options: RefreshOptions = {}): Promise<void> {
  const submissions = desk.store.all();
  if (options.printed) {
    await writeResultsJson(
      desk.outDir,
      printedEntries(options.printed, submissions, desk.store),
      summarize(options.printed),
      options.packages,
    );
  } else {
    const entries = storeEntries(submissions, (sha256) => desk.store.resultJsonBytes(sha256));
    await writeResultsJson(desk.outDir, entries, storeSummary(submissions));
  }
  const states = mailStates(desk);
  const rows = summaryRows(
    submissions,
    states,
    (sha256) => desk.store.resultJsonWithoutText(sha256),
    (result) => applyDecisions(desk.db, result).result,
  );
  const packages = allPackages(desk.store, submissions, desk.ruleConfig);
  noteCorrectedPackageFindings(desk.db, packages, new Date());
  await writeSummaries(desk.outDir, rows, withPackageMailStates(packages, states));
  await writePackageMemos(desk.outDir, packages, desk.store, submissions, new Date(), desk.ruleConfig);
}
