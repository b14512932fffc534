/**
 * An extraction worker that fails AFTER it has answered — a library's promise rejected late, a
 * timer throwing — while it sits idle in the pool. The pool must treat that as the death of an idle
 * worker (replace it), not let the 'error' event go unheard: an unheard 'error' event throws in the
 * main thread and the whole `check` batch dies with no JSON. (fixtures/hostile/files/
 * fuzz-xref-late-rejection.pdf did exactly that through pdf.js until the PDF reader swallowed
 * pdf.js's leftovers; any other late failure still would.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { root, runNode, tempFolder } from './cli-run.js';

// A worker following the pool's protocol that throws 100 ms after answering.
const lateFailingWorker = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, input }) => {
  parentPort.postMessage({ id, output: input * 2 });
  setTimeout(() => { throw new Error('late failure after the answer'); }, 100);
});
`;

// The pool in a child process: one task, a pause while the worker is idle, then another task.
const driver = `
const [poolUrl, workerUrl] = process.argv.slice(2);
const { WorkerPool } = await import(poolUrl);
const pool = new WorkerPool({ script: new URL(workerUrl), size: 1, timeoutMs: 5000 });
const first = await pool.run(1);
await new Promise((resolve) => setTimeout(resolve, 400));
const second = await pool.run(2);
await pool.close();
process.stdout.write(JSON.stringify({ first, second }));
`;

describe('a worker that fails after answering, while idle in the pool', () => {
  const work = tempFolder('late-error');
  afterAll(() => work.remove());

  it('costs nothing: the process lives on and the next task gets a working worker', async () => {
    const workerFile = join(work.path, 'late-failing-worker.mjs');
    writeFileSync(workerFile, lateFailingWorker);
    // A file, not --eval: workers inherit the parent's execArgv, and --input-type would break them.
    const driverFile = join(work.path, 'driver.mjs');
    writeFileSync(driverFile, driver);
    const poolUrl = pathToFileURL(join(root, 'dist/pipeline/check/worker-pool.js')).href;
    const run = await runNode([driverFile, poolUrl, pathToFileURL(workerFile).href], {
      timeoutMs: 20_000,
    });
    expect(run.code, `the main process died: ${run.stderr.slice(-1200)}`).toBe(0);
    const { first, second } = JSON.parse(run.stdout) as {
      first: { kind: string; value: number };
      second: { kind: string; value: number };
    };
    expect(first).toMatchObject({ kind: 'done', value: 2 });
    expect(second).toMatchObject({ kind: 'done', value: 4 });
  });
});
