/**
 * The batch-level outputs of an output folder, rebuilt from the store after each batch (or file,
 * in watch): `results.json` (the `check --json` document: for `check --out` exactly what it prints,
 * for `watch` every submission the store holds, superseded ones marked; a few extra keys on each
 * result) and the bureau's summary `summary.xlsx` / `summary.md`.
 */
import { randomBytes } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, CheckSummary, PackageResult } from '../../reports/result-schema.js';
import type { SummaryMailState, SummaryPackage, SummaryRow } from '../../reports/summary.js';
import { partialSuffix, syncFolder, writeFileAtomic } from '../support/atomic-write.js';
import { memoPaths } from './memo-files.js';
import type { Submission } from './store.js';

export const resultsFileName = 'results.json';
export const summaryXlsxName = 'summary.xlsx';
export const summaryMarkdownName = 'summary.md';

/**
 * The keys results.json adds to each SPEC §3 result: where its memo is, what it replaced, whether a
 * later submission replaced it (and which), when it arrived.
 */
export interface StoreKeys {
  memo: { md: string; html: string; docx: string } | null;
  supersedes: { sha256: string; file: string } | null;
  superseded: boolean;
  supersededBy: { sha256: string; file: string } | null;
  receivedAt: string;
}

export function storeKeys(submission: Submission, byHash: ReadonlyMap<string, Submission>): StoreKeys {
  const earlier = submission.supersedes ? byHash.get(submission.supersedes) : undefined;
  const later = submission.supersededBy ? byHash.get(submission.supersededBy) : undefined;
  return {
    memo: submission.memoBase && submission.memoAt ? memoPaths(submission.memoBase) : null,
    supersedes: earlier ? { sha256: earlier.sha256, file: earlier.sourcePath } : null,
    superseded: submission.supersededBy !== null,
    supersededBy: later ? { sha256: later.sha256, file: later.sourcePath } : null,
    receivedAt: submission.receivedAt,
  };
}

/** One result of results.json: its SPEC §3 JSON and the keys appended to it (none for a file the store never held). */
export interface ResultsJsonEntry {
  /** Read when the entry is written, so that a large batch never holds every result at once. */
  json(): Uint8Array;
  extra: StoreKeys | null;
}

/**
 * What `watch` leaves in results.json: every submission the store holds a result for, in the order
 * they arrived, superseded ones included and marked (`superseded`, `supersededBy`).
 */
export function storeEntries(
  submissions: readonly Submission[],
  resultJson: (sha256: string) => Uint8Array | null,
): ResultsJsonEntry[] {
  const byHash = new Map(submissions.map((submission) => [submission.sha256, submission]));
  return submissions
    .filter((submission) => submission.status !== null)
    .map((submission) => ({ json: () => resultJson(submission.sha256)!, extra: storeKeys(submission, byHash) }));
}

/**
 * What `check --out` leaves in results.json: the very results it prints, in the same order (a file
 * met twice under two names twice, an unreadable file too), each with the store's keys when the
 * store took that file in. `printed` may have dropped the extraction sidecar (a run without --json):
 * the stored result is written, which is what --json prints.
 */
export function printedEntries(
  printed: readonly CheckResult[],
  submissions: readonly Submission[],
  store: { resultJsonBytes(sha256: string): Uint8Array | null; sightedAs(sha256: string, path: string): boolean },
): ResultsJsonEntry[] {
  const byHash = new Map(submissions.map((submission) => [submission.sha256, submission]));
  return printed.map((result) => {
    const submission = byHash.get(result.sha256);
    // A file the store never took in (unreadable), or one the desk failed on after storing another result.
    if (!submission || submission.status !== result.status || !store.sightedAs(result.sha256, result.file)) {
      return { json: () => Buffer.from(JSON.stringify(result)), extra: null };
    }
    const extra = storeKeys(submission, byHash);
    // A rejection has no sidecar to restore: it is written as printed, whatever became of it in the store.
    if (result.status === 'rejected') return { json: () => Buffer.from(JSON.stringify(result)), extra };
    return { json: () => withFile(store.resultJsonBytes(result.sha256)!, submission.sourcePath, result.file), extra };
  });
}

/**
 * The stored result's JSON under another file name (the same content handed in again under another
 * name). The stored JSON starts with its `file` key (the result's first key): only those bytes change.
 */
function withFile(json: Uint8Array, storedFile: string, file: string): Uint8Array {
  if (storedFile === file) return json;
  const prefix = Buffer.from(`{"file":${JSON.stringify(storedFile)},`);
  if (json.length > prefix.length && Buffer.from(json.buffer, json.byteOffset, prefix.length).equals(prefix)) {
    return Buffer.concat([Buffer.from(`{"file":${JSON.stringify(file)},`), json.subarray(prefix.length)]);
  }
  const result = JSON.parse(Buffer.from(json).toString('utf8')) as CheckResult;
  return Buffer.from(JSON.stringify({ ...result, file }));
}

/** About a megabyte a write: one write per result would be a thousand system calls. */
const chunkBytes = 1 << 20;

/**
 * Writes results.json in the very format `check --json` prints. Each result is spliced from its
 * JSON bytes with the extra keys appended, so a large batch is never parsed and re-serialised
 * (nor turned into JavaScript strings: the bytes go from SQLite to the file as they are).
 */
export async function writeResultsJson(
  outDir: string,
  entries: readonly ResultsJsonEntry[],
  summary: CheckSummary,
  packages: readonly PackageResult[] = [],
): Promise<void> {
  const temporary = join(outDir, `.${resultsFileName}.${randomBytes(4).toString('hex')}${partialSuffix}`);
  const handle = await open(temporary, 'w');
  try {
    let pending: Uint8Array[] = [Buffer.from('{"version":1,"results":[')];
    let pendingBytes = 0;
    for (const [index, entry] of entries.entries()) {
      const json = entry.json();
      pending.push(Buffer.from(index === 0 ? '\n' : ',\n'));
      if (entry.extra === null) pending.push(json);
      else {
        // The result's closing brace gives way to the extra keys.
        const extra = JSON.stringify(entry.extra);
        pending.push(json.subarray(0, json.length - 1), Buffer.from(`,${extra.slice(1)}`));
      }
      pendingBytes += json.length;
      if (pendingBytes >= chunkBytes) {
        await handle.writev(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
    const packageJson = packages.map((pkg, index) => `${index === 0 ? '' : ','}\n${JSON.stringify(pkg)}`).join('');
    pending.push(
      Buffer.from(
        `\n],"packages":[${packageJson}${packages.length === 0 ? '' : '\n'}],"summary":${JSON.stringify(summary)}}\n`,
      ),
    );
    await handle.writev(pending);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(outDir, resultsFileName));
  await syncFolder(outDir);
}

/**
 * The SPEC §3 summary of the submissions the store holds a result for, from the counts it stored
 * with each result (`summarize` of that result), without reading the results themselves.
 */
export function storeSummary(submissions: readonly Submission[]): CheckSummary {
  const summary: CheckSummary = { files: 0, checked: 0, rejected: 0, errors: 0, warnings: 0, infos: 0 };
  for (const submission of submissions) {
    if (submission.status === null) continue;
    summary.files++;
    if (submission.status === 'checked') summary.checked++;
    else summary.rejected++;
    summary.errors += submission.errors;
    summary.warnings += submission.warnings;
    summary.infos += submission.infos;
  }
  return summary;
}

/**
 * What the summary needs of a result: the report, the findings, and of the sidecar the extraction
 * problems and what tells which table is the scoring table (the first scoring figure's evidence and
 * the sections). A batch
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
      ocr: extraction.ocr,
      sections: extraction.sections,
      // The summary lists every extraction problem (提取提示) and says when a pass lacks figures.
      problems: extraction.problems,
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
  /** The result as the summary shows it (the reviewer's dismissed findings left out). */
  shown: (result: CheckResult) => CheckResult = (result) => result,
): SummaryRow[] {
  return submissions
    .filter((submission) => submission.status !== null)
    .map((submission) => ({
      result: summaryResult(shown(JSON.parse(resultJson(submission.sha256)!) as CheckResult)),
      superseded: submission.supersededBy !== null,
      mailState: mailStates.get(submission.sha256) ?? null,
    }));
}

export async function writeSummaries(
  outDir: string,
  rows: readonly SummaryRow[],
  packages: readonly SummaryPackage[] = [],
): Promise<void> {
  // exceljs takes a second to load; only runs that write a summary pay for it.
  const { renderSummaryMarkdown, renderSummaryXlsx } = await import('../../reports/summary.js');
  await writeFileAtomic(join(outDir, summaryXlsxName), await renderSummaryXlsx(rows, packages));
  await writeFileAtomic(join(outDir, summaryMarkdownName), renderSummaryMarkdown(rows, packages));
}
