/** Rebuilds an output folder's results.json and summary from the store, with each submission's mail state. */
import type { Desk } from './desk.js';
import { mailStates } from './mail-step.js';
import { summaryRows, writeResultsJson, writeSummaries } from './outputs.js';

export async function refreshOutputs(desk: Desk): Promise<void> {
  const submissions = desk.store.all();
  await writeResultsJson(desk.outDir, submissions, (sha256) => desk.store.resultJsonBytes(sha256));
  const rows = summaryRows(submissions, mailStates(desk), (sha256) => desk.store.resultJsonWithoutText(sha256));
  await writeSummaries(desk.outDir, rows);
}
