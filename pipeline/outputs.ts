/**
 * The batch-level outputs of an output folder, rebuilt from the store after each batch (or file,
 * in watch): `results.json` (the `check --json` document for the current, non-superseded
 * submissions, with a few extra keys) and the bureau's summary `summary.xlsx` / `summary.md`.
 */
import { randomBytes } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../reports/result-schema.js';
import type { SummaryMailState, SummaryRow } from '../reports/summary.js';
import { partialSuffix, syncFolder, writeFileAtomic } from './atomic-write.js';
import { checkOutputChunks } from './json-output.js';
import { memoPaths } from './memo-files.js';
import type { Submission } from './store.js';

export const resultsFileName = 'results.json';
export const summaryXlsxName = 'summary.xlsx';
export const summaryMarkdownName = 'summary.md';

/** A result as results.json holds it: the SPEC §3 result plus where its memo is and what it replaced. */
export interface StoredResult extends CheckResult {
  memo: { md: string; html: string; docx: string } | null;
  supersedes: { sha256: string; file: string } | null;
  receivedAt: string;
}

export function withStoreKeys(submission: Submission, byHash: Map<string, Submission>): StoredResult {
  const result = submission.result!;
  const earlier = submission.supersedes ? byHash.get(submission.supersedes) : undefined;
  return {
    ...result,
    memo: submission.memoBase && submission.memoAt ? memoPaths(submission.memoBase) : null,
    supersedes: earlier ? { sha256: earlier.sha256, file: earlier.sourcePath } : null,
    receivedAt: submission.receivedAt,
  };
}

/** Submissions with a result that nothing has replaced, in the order they arrived. */
export function currentSubmissions(submissions: readonly Submission[]): Submission[] {
  return submissions.filter((submission) => submission.result !== null && submission.supersededBy === null);
}

/** Writes results.json in the very format `check --json` prints, one result at a time. */
export async function writeResultsJson(outDir: string, submissions: readonly Submission[]): Promise<void> {
  const byHash = new Map(submissions.map((submission) => [submission.sha256, submission]));
  const current = currentSubmissions(submissions).map((submission) => withStoreKeys(submission, byHash));
  const temporary = join(outDir, `.${resultsFileName}.${randomBytes(4).toString('hex')}${partialSuffix}`);
  const handle = await open(temporary, 'w');
  try {
    for (const chunk of checkOutputChunks(current)) await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(outDir, resultsFileName));
  await syncFolder(outDir);
}

/** The sidecar without its bulk (sentences, headings): the summary only needs evidence and sections to name locations. */
function slim(result: CheckResult): CheckResult {
  if (!result.extraction) return result;
  return { ...result, extraction: { ...result.extraction, sentences: [], headings: [] } };
}

/** Summary rows for every submission with a result. */
export function summaryRows(
  submissions: readonly Submission[],
  mailStates: ReadonlyMap<string, SummaryMailState>,
): SummaryRow[] {
  return submissions
    .filter((submission) => submission.result !== null)
    .map((submission) => ({
      result: slim(submission.result!),
      superseded: submission.supersededBy !== null,
      mailState: mailStates.get(submission.sha256) ?? null,
    }));
}

export async function writeSummaries(outDir: string, rows: readonly SummaryRow[]): Promise<void> {
  // exceljs takes a second to load; only runs that write a summary pay for it.
  const { renderSummaryMarkdown, renderSummaryXlsx } = await import('../reports/summary.js');
  await writeFileAtomic(join(outDir, summaryXlsxName), await renderSummaryXlsx(rows));
  await writeFileAtomic(join(outDir, summaryMarkdownName), renderSummaryMarkdown(rows));
}
