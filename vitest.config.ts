import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file in a fresh process re-imported its modules: ~45 s of the suite. The tests keep no state
    // between files (what needs a clean process, e.g. lazy loading of pdf.js, runs its own child).
    isolate: false,
    // vitest's default is cores - 1: on 2 cores one worker, and the files ran one after another. Many
    // of them wait on child processes; 2 workers took the suite from ~210 s to ~155 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowFirstSequencer },
  },
});
