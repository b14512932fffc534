/**
 * "Extraction alone" for the benchmark: readDocument + parseReport over every file of a folder in
 * W worker threads (one per core by default) — no rules, memos, store or archive.
 * Usage: node dist/bench/extract-only.js [--workers W] [--summary FILE] DIR
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { tuneV8 } from '../pipeline/support/v8-tuning.js';
import type { ExtractOutcome } from './extract-worker.js';

// The same V8 settings as the review-desk command (bin/review-desk.js).
tuneV8();

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { workers: { type: 'string' }, summary: { type: 'string' } },
    allowPositionals: true,
  });
  const folder = positionals[0];
  if (!folder) {
    process.stderr.write('usage: extract-only [--workers W] [--summary FILE] DIR\n');
    return 2;
  }
  const files = readdirSync(folder)
    .sort()
    .map((name) => join(folder, name));
  const size = Math.max(1, Math.min(files.length, Number(values.workers ?? availableParallelism())));
  const outcomes: ExtractOutcome[] = [];
  let next = 0;
  const script = new URL('./extract-worker.js', import.meta.url);
  await Promise.all(
    Array.from({ length: size }, async () => {
      let worker = new Worker(script);
      while (next < files.length) {
        const path = files[next++]!;
        const outcome = await new Promise<ExtractOutcome & { crashed?: boolean }>((resolve) => {
          const onError = (error: Error) => resolve({ path, status: 'error', code: error.message, crashed: true });
          worker.once('error', onError);
          worker.once('message', (message: ExtractOutcome) => {
            worker.off('error', onError);
            resolve(message);
          });
          worker.postMessage(path);
        });
        outcomes.push(outcome);
        // A crashed worker cannot take the next file: replace it.
        if (outcome.crashed) {
          await worker.terminate();
          worker = new Worker(script);
        }
      }
      await worker.terminate();
    }),
  );
  if (values.summary) writeFileSync(values.summary, JSON.stringify(outcomes));
  return outcomes.length === files.length ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`extract-only: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
