/**
 * The batch-level outputs of an output folder, rebuilt from the store after each batch (or file,
 * in watch): `results.json` (the `check --json` document for the current, non-superseded
 * submissions, with a few extra keys) and the bureau's summary `summary.xlsx` / `summary.md`.
 */
import { randomBytes } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, CheckSummary } from '../reports/result-schema.js';
import type { SummaryMailState, SummaryRow } from '../reports/summary.js';
import { partialSuffix, syncFolder, writeFileAtomic } from './atomic-write.js';
import { memoPaths } from './memo-files.js';
import type { Submission } from './store.js';

export const resultsFileName = 'results.json';
export const summaryXlsxName = 'summary.xlsx';
export const summaryMarkdownName = 'summary.md';

/** The keys results.json adds to each SPEC §3 result: where its memo is, what it replaced, when it arrived. */
export interface StoreKeys {
  memo: { md: string; html: string; docx: string } | null;
  supersedes: { sha256: string; file: string } | null;
  receivedAt: string;
}

export function storeKeys(submission: Submission, byHash: ReadonlyMap<string, Submission>): StoreKeys {
  const earlier = submission.supersedes ? byHash.get(submission.supersedes) : undefined;
  return {
    memo: submission.memoBase && submission.memoAt ? memoPaths(submission.memoBase) : null,
    supersedes: earlier ? { sha256: earlier.sha256, file: earlier.sourcePath } : null,
    receivedAt: submission.receivedAt,
  };
}

/** Submissions with a result that nothing has replaced, in the order they arrived. */
export function currentSubmissions(submissions: readonly Submission[]): Submission[] {
  return submissions.filter((submission) => submission.status !== null && submission.supersededBy === null);
}

/** About a megabyte a write: one write per result would be a thousand system calls. */
const chunkBytes = 1 << 20;

/**
 * Writes results.json in the very format `check --json` prints. Each result is spliced from its
 * stored JSON bytes with the extra keys appended, so a large batch is never parsed and re-serialised
 * (nor turned into JavaScript strings: the bytes go from SQLite to the file as they are).
 */
export async function writeResultsJson(
  outDir: string,
  submissions: readonly Submission[],
  resultJson: (sha256: string) => Uint8Array | null,
): Promise<void> {
  const byHash = new Map(submissions.map((submission) => [submission.sha256, submission]));
  const current = currentSubmissions(submissions);
  const temporary = join(outDir, `.${resultsFileName}.${randomBytes(4).toString('hex')}${partialSuffix}`);
  const handle = await open(temporary, 'w');
  try {
    let pending: Uint8Array[] = [Buffer.from('{"version":1,"results":[')];
    let pendingBytes = 0;
    for (const [index, submission] of current.entries()) {
      const json = resultJson(submission.sha256)!;
      const extra = JSON.stringify(storeKeys(submission, byHash));
      // The stored object's closing brace gives way to the extra keys.
      pending.push(
        Buffer.from(index === 0 ? '\n' : ',\n'),
        json.subarray(0, json.length - 1),
        Buffer.from(`,${extra.slice(1)}`),
      );
      pendingBytes += json.length;
      if (pendingBytes >= chunkBytes) {
        await handle.writev(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
    pending.push(Buffer.from(`\n],"summary":${JSON.stringify(summaryOf(current))}}\n`));
    await handle.writev(pending);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(outDir, resultsFileName));
  await syncFolder(outDir);
}

/** The SPEC §3 summary from the store's counts, without reading the results themselves. */
function summaryOf(submissions: readonly Submission[]): CheckSummary {
  const summary: CheckSummary = {
    files: submissions.length,
    checked: 0,
    rejected: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
  };
  for (const submission of submissions) {
    if (submission.status === 'checked') summary.checked++;
    else summary.rejected++;
    summary.errors += submission.errors;
    summary.warnings += submission.warnings;
    summary.infos += submission.infos;
  }
  return summary;
}

/**
 * What the summary needs of a result: the report, the findings, and of the sidecar only what tells
 * which table is the scoring table (the first scoring figure's evidence and the sections). A batch
 * of a thousand keeps a few kilobytes each instead of the whole sidecar.
 */
export function summaryResult(result: CheckResult): CheckResult {
  const extraction = result.extraction;
  if (!extraction) return result;
  const scoring = Object.entries(extraction.evidence).find(
    ([key, evidence]) => key.startsWith('scoring.') && 'table' in evidence.location,
  );
  return {
    ...result,
    extraction: {
      evidence: scoring ? { [scoring[0]]: scoring[1] } : {},
      repeatedFigures: [],
      sentences: [],
      headings: [],
      sections: extraction.sections,
      problems: [],
    },
  };
}

/**
 * Summary rows for every submission with a result. `resultJson` gives a submission's stored result
 * as JSON text (the store can leave out the sidecar's sentences, which the summary never reads).
 */
export function summaryRows(
  submissions: readonly Submission[],
  mailStates: ReadonlyMap<string, SummaryMailState>,
  resultJson: (sha256: string) => string | null,
): SummaryRow[] {
  return submissions
    .filter((submission) => submission.status !== null)
    .map((submission) => ({
      result: summaryResult(JSON.parse(resultJson(submission.sha256)!) as CheckResult),
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
