/**
 * One writer per output folder: a second `check --out` on a folder in use exits 2 naming the holder,
 * a lock left by a dead process is taken over (and the takeover is said), and `status` reads the
 * folder without the lock.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireOutputLock, lockFileName, OutputLockedError } from '../../../pipeline/desk/output-lock.js';
import { UserError } from '../../../pipeline/support/user-error.js';
import { repoRoot, runCli, runMain } from '../cli/support/cli.js';
import { waitFor } from '../cli/support/wait.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'output-lock-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The process id of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('acquireOutputLock', () => {
  it('refuses a second holder while the first holds the lock, naming its process id', () => {
    const outDir = join(work, 'twice');
    mkdirSync(outDir);
    const first = acquireOutputLock(outDir);
    let thrown: unknown;
    try {
      acquireOutputLock(outDir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputLockedError);
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).exitCode).toBe(2);
    expect((thrown as Error).message).toContain(`该输出目录正由另一个进程（PID ${process.pid}`);
    first.release();
    expect(existsSync(join(outDir, lockFileName))).toBe(false);
    acquireOutputLock(outDir).release();
  });

  it('takes over the lock of a process that no longer runs, and says whose it was', () => {
    const outDir = join(work, 'stale');
    mkdirSync(outDir);
    const pid = deadPid();
    const stale = { pid, startedAt: '2026-01-01T00:00:00.000Z', processStart: null, host: hostname() };
    writeFileSync(join(outDir, lockFileName), JSON.stringify(stale));
    const lock = acquireOutputLock(outDir);
    expect(lock.takenOver).toEqual(stale);
    lock.release();
  });
});

describe('two check --out runs on one folder', () => {
  it('lets the first finish and refuses the second with exit 2, while status still reads the folder', async () => {
    const outDir = join(work, 'concurrent');
    const input = join(work, 'input');
    mkdirSync(input);
    for (const name of readdirSync(join(repoRoot, 'fixtures', 'samples'))
      .filter((n) => n.endsWith('.pdf'))
      .slice(0, 3)) {
      copyFileSync(join(repoRoot, 'fixtures', 'samples', name), join(input, name));
    }
    const first = runCli(['check', '--out', outDir, '--jobs', '1', '--exit-zero', input]);
    await waitFor(
      () => existsSync(join(outDir, lockFileName)) && existsSync(join(outDir, 'review-desk.sqlite')),
      'the first run to hold the lock',
    );
    const second = await runCli(['check', '--out', outDir, input]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/review-desk：该输出目录正由另一个进程（PID \d+，/);
    const status = await runMain(['status', '--out', outDir]);
    expect(status.code).toBe(0);
    const done = await first;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).not.toContain('该输出目录正由另一个进程');
    expect(existsSync(join(outDir, lockFileName))).toBe(false);
  }, 120_000);

  it('takes over a lock left by a killed run and says so', async () => {
    const outDir = join(work, 'after-kill');
    mkdirSync(outDir);
    const stale = { pid: deadPid(), startedAt: '2026-01-01T00:00:00.000Z', processStart: null, host: hostname() };
    writeFileSync(join(outDir, lockFileName), JSON.stringify(stale));
    const run = await runCli(['check', '--out', outDir, '--exit-zero', 'fixtures/samples/pingdeng-2023.docx']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`输出文件夹的锁文件由已不在运行的进程（PID ${stale.pid}）留下，已接管`);
  }, 60_000);
});
