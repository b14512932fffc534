import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.js';

/**
 * End to end: the built CLI in child processes, the worker pool on hostile files, a real SMTP
 * server. Everything else is a unit test (one module, or a few, in this process).
 */
const e2eTests = [
  'test/pipeline/cli/**/*.test.ts',
  'test/hostile/**/*.test.ts',
  'test/pipeline/mail/smtp-*.test.ts',
  'test/rules/end-to-end.test.ts',
  'test/extractors/ocr/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file in a fresh process re-imported its modules (bench/analysis.md). The tests keep no state
    // between files (what needs a clean process, e.g. lazy loading of pdf.js, runs its own child).
    isolate: false,
    // vitest's default is cores - 1: on 2 cores one worker, and the files ran one after another. Many
    // of them wait on child processes, so 2 workers finish sooner (bench/analysis.md).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowFirstSequencer },
    // `npm test` runs both; `vitest run --project unit` is the quick loop while developing.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: e2eTests } },
      { extends: true, test: { name: 'e2e', include: e2eTests } },
    ],
  },
});
