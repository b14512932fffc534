/**
 * A full disk under the output folder: `check --out` stops with one Chinese line and exit code 2 —
 * no valid file reported as rejected, no internal-error line, no endless retry of the log — and a
 * run after space is freed finishes the batch. The disk is a small tmpfs where the test may mount
 * one (root, Linux); elsewhere ENOSPC is injected at the fs layer by a preload module.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../pipeline/support/logger.js';
import type { CheckOutput } from '../../../reports/result-schema.js';
import { repoRoot, runCli } from './support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'disk-full-'));
const samples = join(work, 'samples');
// Four PDFs of about 300 KB: their archive copies alone pass 1 MiB.
const pdfs = readdirSync(join(repoRoot, 'fixtures', 'samples'))
  .filter((name) => name.endsWith('.pdf'))
  .slice(0, 4);
mkdirSync(samples);
for (const name of pdfs) copyFileSync(join(repoRoot, 'fixtures', 'samples', name), join(samples, name));
const sampleCount = pdfs.length;
const preload = join(repoRoot, 'test', 'pipeline', 'cli', 'support', 'enospc-preload.mjs');
let mounted: string | null = null;

function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  if (mounted) execFileSync('umount', [mounted], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
});

describe('check --out on a disk that fills up', () => {
  it('stops with one Chinese line and exit 2, then finishes once space is freed', async () => {
    const out = join(work, 'out');
    mkdirSync(out);
    if (!process.env.REVIEW_DESK_TEST_NO_MOUNT && mountTmpfs(out, '1m')) mounted = out;
    const env = mounted
      ? {}
      : { NODE_OPTIONS: `--import ${preload}`, REVIEW_DESK_FAULT_DIR: out, REVIEW_DESK_FAULT_AFTER: '3' };
    const full = await runCli(['check', '--json', '--out', out, samples], { env, timeoutMs: 120_000 });
    expect(full.stderr.match(/输出目录所在磁盘已满/g)).toHaveLength(1);
    expect(full.code).toBe(2);
    expect(full.stdout).toBe('');
    expect(full.stderr).not.toMatch(/内部错误|已退回/);

    if (mounted) execFileSync('mount', ['-o', 'remount,size=64m', mounted], { stdio: 'ignore' });
    const after = await runCli(['check', '--json', '--out', out, samples], { timeoutMs: 120_000 });
    expect(after.stderr).not.toMatch(/磁盘已满|内部错误/);
    const output = JSON.parse(after.stdout) as CheckOutput;
    expect(output.results).toHaveLength(sampleCount);
    expect(output.results.every((result) => result.status === 'checked')).toBe(true);
  });
});

describe('watch on a disk that fills up', () => {
  it('stops by itself with one Chinese line and exit 2, leaving the files in hand in the inbox', async () => {
    const out = join(work, 'watch-out');
    const inbox = join(work, 'inbox');
    mkdirSync(out);
    mkdirSync(inbox);
    for (const name of pdfs) copyFileSync(join(samples, name), join(inbox, name));
    const mountedHere = !process.env.REVIEW_DESK_TEST_NO_MOUNT && mountTmpfs(out, '1m');
    try {
      const env = mountedHere
        ? {}
        : { NODE_OPTIONS: `--import ${preload}`, REVIEW_DESK_FAULT_DIR: out, REVIEW_DESK_FAULT_AFTER: '3' };
      const run = await runCli(['watch', inbox, '--out', out, '--stability-ms', '200', '--jobs', '1'], {
        env,
        timeoutMs: 90_000,
      });
      expect(run.stderr.match(/输出目录所在磁盘已满/g)).toHaveLength(1);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/内部错误|已退回|ENOSPC|\n\s+at /);
      // What was not finished is still in the inbox (or already moved out whole): nothing lost.
      const left = readdirSync(inbox).filter((name) => name.endsWith('.pdf'));
      const processed = existsSync(join(inbox, 'processed')) ? readdirSync(join(inbox, 'processed')).length : 0;
      expect(left.length + processed).toBe(pdfs.length);
      expect(left.length).toBeGreaterThan(0);
    } finally {
      if (mountedHere) execFileSync('umount', [out], { stdio: 'ignore' });
    }
  }, 120_000);
});

describe('the log file on a full disk', () => {
  it('reports the first failed write once and drops the rest, never retrying', async () => {
    const out = join(work, 'log-out');
    mkdirSync(out);
    // /dev/full answers every write with ENOSPC.
    symlinkSync('/dev/full', join(out, 'review-desk.log'));
    const errors: unknown[] = [];
    const logger = createLogger({ outDir: out, quiet: true, onWriteError: (error) => errors.push(error) });
    for (let i = 0; i < 50; i++) logger.info('event', { i }, `line ${i}`);
    await logger.close();
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOSPC');
  });
});
