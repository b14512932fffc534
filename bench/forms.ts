/**
 * The forms set (issue #12): the committed form fixtures (fixtures/forms/, overall, project and
 * basic-data forms; not the narrative reports) in each format review-desk reads — XLSX, .xls, .doc,
 * DOCX, PDF — read and parsed per document, beside the narrative DOCX reports of fixtures/samples/ (the
 * yardstick: "a form, in any format, must not cost more per document than a DOCX report does"), and
 * beside `pandoc -t plain` on the DOCX forms and `pdftotext -layout` on the PDF forms (a process per
 * file, as those tools are used). Each format is measured in a process of its own (bench/forms-extract.ts),
 * so its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FormsExtractResult } from './forms-extract.js';
import { median, significant } from './stats.js';

export const formFormats = ['xlsx', 'xls', 'doc', 'docx', 'pdf'] as const;
export type FormFormat = (typeof formFormats)[number];
const formatLabels: Record<FormFormat, string> = {
  xlsx: 'XLSX forms',
  xls: '.xls forms',
  doc: '.doc forms',
  docx: 'DOCX forms',
  pdf: 'PDF forms',
};

/** Timed passes over the forms for a bench of `n` files per set: 1 for a tiny --n, up to 10. */
export const formsPasses = (n: number) => Math.max(1, Math.min(10, Math.round(n / 20)));

export interface FormsRow {
  readonly label: string;
  readonly documents: number;
  readonly passes: number;
  readonly medianMs: number | null;
  readonly peakRssBytes: number | null;
  readonly failures: readonly string[];
  /** The baseline tool's median per document on the same files, when it has one for this format. */
  readonly baseline: { readonly tool: string; readonly medianMs: number } | null;
}

export interface FormsBench {
  readonly rows: readonly FormsRow[];
  /** The DOCX reports' median per document and peak RSS, measured the same way. */
  readonly reportDocxMs: number | null;
  readonly reportDocxRssBytes: number | null;
}

/** The form fixtures of one format (narrative reports with other outlines left out). */
export function formFiles(root: string, format: FormFormat): string[] {
  const folder = join(root, 'fixtures/forms');
  return readdirSync(folder)
    .filter((name) => name.endsWith(`.${format}`) && !name.startsWith('outline-'))
    .sort()
    .map((name) => join(folder, name));
}

function reportFiles(root: string): string[] {
  const folder = join(root, 'fixtures/samples');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.docx'))
    .sort()
    .map((name) => join(folder, name));
}

function measureExtract(
  root: string,
  files: readonly string[],
  passes: number,
  timeoutMs: number,
): FormsExtractResult | null {
  const run = spawnSync(
    process.execPath,
    [join(root, 'dist/bench/forms-extract.js'), '--passes', String(passes), ...files],
    { cwd: root, encoding: 'utf8', timeout: timeoutMs },
  );
  const line = run.stdout?.trim().split('\n').at(-1);
  if (!line) return null;
  try {
    return JSON.parse(line) as FormsExtractResult;
  } catch {
    return null;
  }
}

/** A tool run once per file, `passes` times over the files; the median per document. */
function measureTool(
  command: string,
  args: (file: string) => string[],
  files: readonly string[],
  passes: number,
): number | null {
  const perDocument: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const file of files) {
      const started = performance.now();
      const run = spawnSync(command, args(file), { stdio: 'ignore' });
      if (run.error || run.status !== 0) return null;
      perDocument.push(performance.now() - started);
    }
  }
  return perDocument.length > 0 ? median(perDocument) : null;
}

export function benchForms(
  root: string,
  options: { passes: number; timeoutMs: number; pandoc: boolean; pdftotext: boolean; log: (line: string) => void },
): FormsBench {
  const { passes, timeoutMs, log } = options;
  const rows: FormsRow[] = [];
  for (const format of formFormats) {
    const files = formFiles(root, format);
    const measured = measureExtract(root, files, passes, timeoutMs);
    let baseline: FormsRow['baseline'] = null;
    if (format === 'docx' && options.pandoc) {
      const ms = measureTool('pandoc', (file) => ['-t', 'plain', file, '-o', '/dev/null'], files, passes);
      if (ms !== null) baseline = { tool: '`pandoc -t plain`', medianMs: ms };
    }
    if (format === 'pdf' && options.pdftotext) {
      const ms = measureTool('pdftotext', (file) => ['-layout', file, '/dev/null'], files, passes);
      if (ms !== null) baseline = { tool: '`pdftotext -layout`', medianMs: ms };
    }
    const row: FormsRow = {
      label: formatLabels[format],
      documents: files.length,
      passes,
      medianMs: measured ? median(measured.perDocumentMs) : null,
      peakRssBytes: measured?.peakRssBytes ?? null,
      failures: measured?.failures ?? ['the measuring process gave no result'],
      baseline,
    };
    log(
      `bench: forms ${format}: ${row.medianMs === null ? 'failed' : `${row.medianMs.toFixed(1)} ms/doc`}${baseline ? `, ${baseline.tool} ${baseline.medianMs.toFixed(1)} ms/doc` : ''}`,
    );
    rows.push(row);
  }
  const reports = measureExtract(root, reportFiles(root), passes, timeoutMs);
  const reportDocxMs = reports ? median(reports.perDocumentMs) : null;
  log(`bench: DOCX reports (yardstick): ${reportDocxMs === null ? 'failed' : `${reportDocxMs.toFixed(1)} ms/doc`}`);
  return { rows, reportDocxMs, reportDocxRssBytes: reports?.peakRssBytes ?? null };
}

/** The results.md section of the forms set. */
export function formsSection(bench: FormsBench): string[] {
  const ms = (value: number | null) => (value === null ? '—' : `${significant(value)} ms`);
  const mb = (bytes: number | null) => (bytes === null ? '—' : `${Math.round(bytes / 1024 / 1024)} MB`);
  const yardstick = bench.reportDocxMs;
  const verdict = (row: FormsRow) =>
    row.medianMs === null || yardstick === null ? '—' : row.medianMs <= yardstick ? 'yes' : '**no**';
  const lines = [
    '## The forms set (issue #12)',
    '',
    'Each committed form fixture (overall, project and basic-data forms of `fixtures/forms/`) read and parsed',
    '(`readDocument` + `parseReport`) per document in one process per format, after a warm-up pass; the',
    'baselines run a process per file. Yardstick: the DOCX narrative reports of `fixtures/samples/`, measured the same way.',
    '',
    '| format | documents × passes | review-desk per document (median) | peak RSS | baseline per document (median) | ≤ a DOCX report? |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of bench.rows) {
    const baseline = row.baseline ? `${row.baseline.tool} ${ms(row.baseline.medianMs)}` : '—';
    lines.push(
      `| ${row.label} | ${row.documents} × ${row.passes} | ${ms(row.medianMs)} | ${mb(row.peakRssBytes)} | ${baseline} | ${verdict(row)} |`,
    );
  }
  lines.push(`| DOCX reports (yardstick) | — | ${ms(yardstick)} | ${mb(bench.reportDocxRssBytes)} | — | — |`, '');
  const failures = bench.rows.flatMap((row) => row.failures);
  if (failures.length > 0) lines.push(`Not read to a report: ${failures.join('; ')}.`, '');
  lines.push('Target (issue #12): a form, in any format, costs no more per document than a DOCX report does.', '');
  return lines;
}
