/** The worker pool: reuse, per-task timeouts that really stop a busy worker, and crashes that cost one task only. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../pipeline/check/worker-pool.js';

// A real worker script speaking the pool's protocol; the input says how to misbehave.
const script = `
import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', ({ id, input }) => {
  if (input === 'spin') { for (;;) {} }
  if (input === 'throw') { setTimeout(() => { throw new Error('boom'); }); return; }
  if (input === 'exit') { process.exit(3); }
  if (input === 'late') { setTimeout(() => { throw new Error('late failure after the answer'); }, 50); }
  if (input === 'oom') { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(Math.random())); }
  parentPort.postMessage({ id, output: { echo: input, threadId } });
});
`;

let folder: string;
let scriptUrl: URL;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'pool-'));
  const path = join(folder, 'worker.mjs');
  writeFileSync(path, script);
  scriptUrl = pathToFileURL(path);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('WorkerPool', () => {
  it('answers tasks and reuses the same worker for the next one', async () => {
    const pool = new WorkerPool<string, { echo: string; threadId: number }>({
      script: scriptUrl,
      size: 1,
      timeoutMs: 5000,
    });
    try {
      const first = await pool.run('a');
      const second = await pool.run('b');
      expect(first.kind).toBe('done');
      expect(second.kind).toBe('done');
      if (first.kind !== 'done' || second.kind !== 'done') return;
      expect(first.value.echo).toBe('a');
      expect(second.value.echo).toBe('b');
      expect(second.value.threadId).toBe(first.value.threadId);
      expect(pool.workerCount).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('terminates a worker stuck in a busy loop when the task runs over its time, and serves the next task', async () => {
    const pool = new WorkerPool<string, { echo: string; threadId: number }>({
      script: scriptUrl,
      size: 1,
      timeoutMs: 300,
    });
    try {
      const started = Date.now();
      const stuck = await pool.run('spin');
      expect(stuck.kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(3000);
      const next = await pool.run('after');
      expect(next).toMatchObject({ kind: 'done', value: { echo: 'after' } });
    } finally {
      await pool.close();
    }
  });

  it('fails only the task whose worker crashed, while a concurrent task completes', async () => {
    const pool = new WorkerPool<string, { echo: string }>({ script: scriptUrl, size: 2, timeoutMs: 5000 });
    try {
      const [thrown, exited, fine] = await Promise.all([pool.run('throw'), pool.run('exit'), pool.run('fine')]);
      expect(thrown).toMatchObject({ kind: 'crashed', reason: 'error' });
      expect(exited).toMatchObject({ kind: 'crashed', reason: 'exit' });
      expect(fine).toMatchObject({ kind: 'done', value: { echo: 'fine' } });
      expect(await pool.run('again')).toMatchObject({ kind: 'done', value: { echo: 'again' } });
    } finally {
      await pool.close();
    }
  });

  it('survives a worker that fails while idle, after it answered, and replaces it for the next task', async () => {
    const pool = new WorkerPool<string, { echo: string; threadId: number }>({
      script: scriptUrl,
      size: 1,
      timeoutMs: 5000,
    });
    try {
      const first = await pool.run('late');
      expect(first).toMatchObject({ kind: 'done', value: { echo: 'late' } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pool.workerCount).toBe(0);
      const second = await pool.run('next');
      expect(second).toMatchObject({ kind: 'done', value: { echo: 'next' } });
      if (first.kind === 'done' && second.kind === 'done') expect(second.value.threadId).not.toBe(first.value.threadId);
    } finally {
      await pool.close();
    }
  });

  it('reports a worker that runs out of its heap limit as out-of-memory', async () => {
    const pool = new WorkerPool<string, unknown>({
      script: scriptUrl,
      size: 1,
      timeoutMs: 20_000,
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    try {
      expect(await pool.run('oom')).toMatchObject({ kind: 'crashed', reason: 'out-of-memory' });
      expect(await pool.run('ok')).toMatchObject({ kind: 'done' });
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker after its share of tasks, so that the next tasks run on a fresh thread', async () => {
    const pool = new WorkerPool<string, { echo: string; threadId: number }>({
      script: scriptUrl,
      size: 1,
      timeoutMs: 5000,
      maxTasksPerWorker: 2,
    });
    try {
      const threads: number[] = [];
      for (const input of ['a', 'b', 'c', 'd', 'e']) {
        const outcome = await pool.run(input);
        expect(outcome).toMatchObject({ kind: 'done', value: { echo: input } });
        if (outcome.kind === 'done') threads.push(outcome.value.threadId);
      }
      expect(threads[1]).toBe(threads[0]);
      expect(threads[2]).not.toBe(threads[1]);
      expect(threads[3]).toBe(threads[2]);
      expect(threads[4]).not.toBe(threads[3]);
      expect(pool.workerCount).toBeLessThanOrEqual(1);
    } finally {
      await pool.close();
    }
  });

  it('never runs more workers than its size, queueing the rest', async () => {
    const pool = new WorkerPool<string, { echo: string }>({ script: scriptUrl, size: 2, timeoutMs: 5000 });
    try {
      const inputs = Array.from({ length: 12 }, (_, i) => `task-${i}`);
      const outcomes = await Promise.all(inputs.map((input) => pool.run(input)));
      expect(outcomes.map((outcome) => (outcome.kind === 'done' ? outcome.value.echo : outcome.kind))).toEqual(inputs);
      expect(pool.workerCount).toBeLessThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });
});
