/**
 * The scanned-PDF set of the bench (issue #14): `npm run bench -- --scans N` makes N ten-page scans
 * of the samples (fixtures/build/scans, fixed seeds, cached by content hash), checks them all in one
 * `review-desk check --out` run on every core, and reports seconds per page (median over files of
 * the worker's time per file, less its wait for the OCR engine's turn, ÷ its pages, from the run's log),
 * pages per minute of wall time, and the
 * peak RSS of the whole process tree. Behind its own flag: at 2–4 s a page, 20 files take minutes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedScan } from '../fixtures/build/scans/make-scan.js';
import { benchScanSpecs } from '../fixtures/build/scans/scan-specs.js';
import { measure } from './measure.js';
import { median, significant } from './stats.js';

export interface ScanBenchOptions {
  readonly count: number;
  /** `--jobs` of the check; all cores when absent. */
  readonly jobs?: number;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

export interface ScanBenchResult {
  files: number;
  pages: number;
  jobs: number;
  wallMs: number;
  peakRssBytes: number;
  /** Median over files of (worker time for the file, less its wait for the OCR turn, ÷ its pages), in seconds. */
  secondsPerPage: number;
  pagesPerMinute: number;
  checked: number;
  rejected: number;
  /** Rejection codes met, with how many files each (a scan refused is a failure of the OCR path). */
  rejections: Record<string, number>;
  timedOut: boolean;
  exitCode: number | null;
  /** Seconds it took to make the scans (0 when all came from the cache). */
  makeSeconds: number;
}

interface LogRecord {
  event?: string;
  file?: string;
  status?: string;
  code?: string | null;
  elapsedMs?: number;
  /** Of elapsedMs, the wait for the OCR engine's turn while another file held it (queueing, not reading). */
  ocrWaitMs?: number;
}

/** The `file-checked` records of a run's log (pino, one JSON object a line). */
function checkedRecords(logFile: string): LogRecord[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogRecord)
    .filter((record) => record.event === 'file-checked');
}

export async function benchScans(root: string, options: ScanBenchOptions): Promise<ScanBenchResult> {
  const specs = benchScanSpecs(options.count);
  const made = performance.now();
  const files: string[] = [];
  for (const spec of specs) {
    files.push(await cachedScan(spec, root));
    options.log(`bench: scan ${files.length}/${specs.length} ready`);
  }
  const makeSeconds = (performance.now() - made) / 1000;
  const pagesOf = new Map(files.map((file, i) => [file, specs[i]!.pages?.length ?? 1]));
  const jobs = options.jobs ?? availableParallelism();
  const out = mkdtempSync(join(tmpdir(), 'review-desk-bench-scans-'));
  try {
    const cli = join(root, 'bin/review-desk.js');
    options.log(
      `bench: checking ${files.length} scans (${[...pagesOf.values()].reduce((a, b) => a + b, 0)} pages) on ${jobs} jobs`,
    );
    const run = await measure([process.execPath, cli, 'check', ...files, '--out', out, '--jobs', String(jobs)], {
      cwd: root,
      timeoutMs: options.timeoutMs,
    });
    const records = checkedRecords(join(out, 'review-desk.log'));
    const perPage = records
      .filter((record) => record.status === 'checked' && typeof record.elapsedMs === 'number')
      .map((record) => (record.elapsedMs! - (record.ocrWaitMs ?? 0)) / 1000 / (pagesOf.get(record.file ?? '') ?? 10));
    const rejections: Record<string, number> = {};
    for (const record of records) {
      if (record.status === 'rejected') rejections[record.code ?? '?'] = (rejections[record.code ?? '?'] ?? 0) + 1;
    }
    const pages = records
      .filter((record) => record.status === 'checked')
      .reduce((sum, record) => sum + (pagesOf.get(record.file ?? '') ?? 10), 0);
    return {
      files: files.length,
      pages,
      jobs,
      wallMs: run.wallMs,
      peakRssBytes: run.peakRssBytes,
      secondsPerPage: median(perPage),
      pagesPerMinute: pages / (run.wallMs / 60_000),
      checked: records.filter((record) => record.status === 'checked').length,
      rejected: records.filter((record) => record.status === 'rejected').length,
      rejections,
      timedOut: run.timedOut,
      exitCode: run.exitCode,
      makeSeconds,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Targets of issue #14 on this machine. */
export const scanTargets = { secondsPerPage: 3, peakRssBytes: 1.5 * 1024 ** 3 } as const;

/** The set's section for the printout (Markdown, like results.md). */
export function scanSection(result: ScanBenchResult): string[] {
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  const rejected = Object.entries(result.rejections)
    .map(([code, count]) => `${code} ×${count}`)
    .join(', ');
  return [
    '## Scanned PDFs (OCR)',
    '',
    `${result.files} scans of ten pages (200 dpi, skew 0.3–1.5°, grain, JPEG; colour and grey alternating), one \`check --out\` run with --jobs ${result.jobs}.`,
    '',
    '| figure | value | target |',
    '| --- | --- | --- |',
    `| seconds per page (median over files, from its turn at the OCR engine) | ${significant(result.secondsPerPage)} | ≤ ${scanTargets.secondsPerPage} |`,
    `| pages per minute (wall, ${result.jobs} jobs) | ${significant(result.pagesPerMinute)} | — |`,
    `| wall seconds per page (the batch's wall time ÷ its pages) | ${significant(60 / result.pagesPerMinute)} | — |`,
    `| peak RSS of the process tree | ${mb(result.peakRssBytes)} | ≤ ${mb(scanTargets.peakRssBytes)} |`,
    `| wall time | ${significant(result.wallMs / 1000)} s | — |`,
    `| files checked / rejected | ${result.checked} / ${result.rejected}${rejected ? ` (${rejected})` : ''} | ${result.files} / 0 |`,
    '',
    result.timedOut ? '**The run timed out**: the figures cover the files finished before it was stopped.' : '',
    `Making the scans took ${significant(result.makeSeconds)} s (cached by content hash in node_modules/.cache).`,
  ].filter((line, i, lines) => line !== '' || lines[i - 1] !== '');
}
