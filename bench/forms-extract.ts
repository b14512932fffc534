/**
 * The forms set's measuring process (bench/forms.ts runs one per format, so each has its own peak
 * RSS): readDocument + parseReport on each file, one warm-up pass, then P timed passes; prints one
 * JSON line { documents, passes, perDocumentMs: [...], peakRssBytes, failures }.
 * Usage: node dist/bench/forms-extract.js [--passes P] FILE...
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readDocument } from '../extractors/read-document.js';
import { parseReport } from '../extractors/report/parse-report.js';

export interface FormsExtractResult {
  readonly documents: number;
  readonly passes: number;
  /** One figure per (pass, file): milliseconds to read and parse that document. */
  readonly perDocumentMs: readonly number[];
  readonly peakRssBytes: number;
  /** Files that did not read to a report of a known kind (a broken corpus would otherwise look fast). */
  readonly failures: readonly string[];
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { passes: { type: 'string', default: '5' } },
    allowPositionals: true,
  });
  const passes = Math.max(1, Number(values.passes));
  const files = positionals.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));
  const failures: string[] = [];
  const perDocumentMs: number[] = [];
  for (let pass = 0; pass <= passes; pass++) {
    for (const { path, bytes } of files) {
      const started = performance.now();
      try {
        const { report } = parseReport(await readDocument(bytes));
        if (pass === 0 && report.unit === null) failures.push(`${path}: no unit`);
      } catch (error) {
        if (pass === 0) failures.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      // Pass 0 warms the code paths up and is not counted.
      if (pass > 0) perDocumentMs.push(performance.now() - started);
    }
  }
  const result: FormsExtractResult = {
    documents: files.length,
    passes,
    perDocumentMs,
    peakRssBytes: ownPeakRssBytes(),
    failures,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return failures.length === 0 ? 0 : 1;
}

/** This process's own peak (VmHWM): getrusage's maxRSS carries the parent's peak over fork and exec. */
function ownPeakRssBytes(): number {
  try {
    const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`forms-extract: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
