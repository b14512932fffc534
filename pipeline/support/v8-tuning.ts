/**
 * V8 settings of the review-desk process, applied by bin/review-desk.js before the CLI is loaded
 * (and by the bench's extraction-alone job, so that it measures the same process).
 *
 * V8 optimises a function after far less work than a batch gives it, and each worker thread
 * compiles its own code: in a 60-PDF `check --out` a quarter of all CPU went to the optimising
 * compiler in V8's background threads. A larger interrupt budget optimises only what stays hot
 * (bench/analysis.md, "JIT"). The flag is the process's, so worker threads started later use it.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default is 67584 (Node 20); measured in bench/analysis.md. */
export const interruptBudget = 400_000;

export function tuneV8(): void {
  setFlagsFromString(`--interrupt-budget=${interruptBudget}`);
}
