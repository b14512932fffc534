/**
 * Test helpers for the hostile-input suites: run the built CLI (or a one-off reader script) as a
 * child process with a hard time limit and the peak memory of its process tree, and make temp
 * folders that are removed afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { procAvailable, TreeSampler } from '../../bench/proc-tree.js';
import type { ReadLimits } from '../../extractors/model/limits.js';
import { repoRoot } from '../../fixtures/hostile/repo-root.js';

export const root = repoRoot();
export const cliPath = join(root, 'bin/review-desk.js');

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
  readonly timedOut: boolean;
  /** Summed resident memory of the child and its descendants at the worst moment (0 where /proc is missing). */
  readonly peakRssBytes: number;
}

export function runNode(args: readonly string[], options: { cwd?: string; timeoutMs: number }): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...args], {
    cwd: options.cwd ?? root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const sampler = procAvailable() && child.pid !== undefined ? new TreeSampler(child.pid, 25) : null;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const sampled = sampler?.stop();
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        elapsedMs: performance.now() - started,
        timedOut,
        peakRssBytes: sampled?.peakRssBytes ?? 0,
      });
    });
  });
}

/** `review-desk check --json` on the given paths, with a config holding `limits`. */
export async function checkJson(
  paths: readonly string[],
  options: { limits?: Partial<ReadLimits>; timeoutMs: number; cwd?: string; extra?: readonly string[] },
): Promise<ChildRun> {
  const folder = mkdtempSync(join(tmpdir(), 'review-desk-hostile-config-'));
  try {
    const config = join(folder, 'review-desk.config.json');
    writeFileSync(config, JSON.stringify({ limits: options.limits ?? {} }));
    return await runNode([cliPath, 'check', '--json', '--config', config, ...(options.extra ?? []), ...paths], {
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function tempFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `review-desk-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** At least one CJK character: every user-facing message is Chinese. */
export const chinese = /[\u4e00-\u9fff]/;

export const MB = 1024 * 1024;
