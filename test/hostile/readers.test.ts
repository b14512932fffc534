/**
 * Each hostile file straight through readDocument (+ parseReport), one child process per file,
 * without the pipeline's worker timeout and memory cap to hide behind: the readers themselves must
 * refuse bombs before inflating them, end within the per-file time limit, only ever throw a
 * Rejection, and leave no promise rejection behind (which would crash a worker after its answer).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../extractors/model/limits.js';
import { readHostileManifest } from '../../fixtures/hostile/manifest.js';
import { MB, root, runNode } from './cli-run.js';

const folder = join(root, 'fixtures/hostile/files');
const manifest = readHostileManifest(folder);

// Runs in the child: prints one JSON line with what happened and the process's own peak RSS.
const readerScript = `
import { readFileSync } from 'node:fs';
const [readUrl, parseUrl, file] = process.argv.slice(1);
const { readDocument } = await import(readUrl);
const { parseReport } = await import(parseUrl);
const started = performance.now();
let outcome;
try {
  const model = await readDocument(new Uint8Array(readFileSync(file)));
  try {
    parseReport(model);
    outcome = { stage: 'parsed', kind: 'report' };
  } catch (error) {
    outcome = { stage: 'parse', kind: error?.name === 'Rejection' ? 'rejection' : 'error', code: error?.code ?? null, message: String(error?.message ?? error).slice(0, 300) };
  }
} catch (error) {
  outcome = { stage: 'read', kind: error?.name === 'Rejection' ? 'rejection' : 'error', code: error?.code ?? null, message: String(error?.message ?? error).slice(0, 300) };
}
outcome.ms = Math.round(performance.now() - started);
// VmHWM is this process's own peak. getrusage's maxRSS is not: Linux carries it over fork and exec,
// so a child of a vitest worker that had grown to 1.2 GB (OCR files run first) reported 1.2 GB.
const hwm = /VmHWM:\\s+(\\d+)\\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
outcome.maxRssBytes = hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(outcome));
`;

interface ReaderOutcome {
  stage: 'read' | 'parse' | 'parsed';
  kind: 'report' | 'rejection' | 'error';
  code?: string | null;
  message?: string;
  ms: number;
  maxRssBytes: number;
}

const readUrl = pathToFileURL(join(root, 'dist/extractors/read-document.js')).href;
const parseUrl = pathToFileURL(join(root, 'dist/extractors/report/parse-report.js')).href;

describe('hostile files straight through the readers', () => {
  it.concurrent.each(manifest)(
    '$file ends in a Rejection or a report, within 30 s and 500 MB',
    async (entry) => {
      const run = await runNode(
        ['--input-type=module', '-e', readerScript, readUrl, parseUrl, join(folder, entry.file)],
        {
          timeoutMs: 30_000,
        },
      );
      expect(run.timedOut, `${entry.file} still running after 30 s`).toBe(false);
      expect(run.code, `${entry.file} crashed the process: ${run.stderr.slice(-1500)}`).toBe(0);
      const outcome = JSON.parse(run.stdout) as ReaderOutcome;
      expect(outcome.kind, `${entry.file}: ${outcome.message}`).not.toBe('error');
      if (outcome.kind === 'rejection') expect(entry.expectedCodes).toContain(outcome.code);
      else expect(entry.expectedStatus).not.toBe('rejected');
      // A bomb is refused before it is inflated: the reader never holds the inflated bytes.
      expect(outcome.maxRssBytes).toBeLessThan(500 * MB);
    },
    defaultReadLimits.timeoutMs + 10_000,
  );
});
