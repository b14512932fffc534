/**
 * Runs the built `review-desk` (bin/review-desk.js → dist/) as a child process, the way users and
 * CI run it. `npm test` builds first; a missing build is reported plainly rather than as odd failures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../../../pipeline/cli/cli.js';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const cliPath = join(repoRoot, 'bin', 'review-desk.js');

export function assertBuilt(): void {
  if (!existsSync(join(repoRoot, 'dist', 'pipeline', 'cli', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npx tsc -p .` (npm test does it) before these tests');
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Told the CLI process's pid once it is started (to watch its children). */
  onSpawn?: (pid: number) => void;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`review-desk ${args.join(' ')} did not finish in ${options.timeoutMs ?? 120_000} ms`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `review-desk ARGS` through the CLI's `main` in this process (the same commander setup and error
 * handling, with stdout and stderr captured): for runs that read no submission (usage errors, status,
 * rules), where a Node start-up per run is most of the cost. Paths are taken relative to `cwd`.
 */
export async function runMain(args: readonly string[], cwd: string = repoRoot): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        stdout += chunk.toString();
        done();
      },
    }),
    stderr: {
      isTTY: false,
      write: (text: string) => {
        stderr += text;
        return true;
      },
    } as unknown as NodeJS.WriteStream,
    cwd,
    defaultJobs: 1,
    verbose: false,
  };
  const code = await main([...args], io);
  return { code, stdout, stderr };
}

/** A long-running child (watch) whose stderr lines can be awaited. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #waiters: { test: (line: string) => boolean; resolve: () => void }[] = [];

  constructor(args: readonly string[], options: CliOptions = {}) {
    assertBuilt();
    this.child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const line of parts) this.#line(line);
    });
    this.child.stdout!.resume();
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => resolve({ code, signal }));
    });
  }

  #line(line: string): void {
    this.lines.push(line);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.test(line)) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Resolves when a stderr line (already seen or coming) matches; rejects after `timeoutMs`. */
  waitForLine(test: RegExp | ((line: string) => boolean), timeoutMs = 30_000): Promise<void> {
    const predicate = typeof test === 'function' ? test : (line: string) => test.test(line);
    if (this.lines.some(predicate)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no stderr line matched ${String(test)} in ${timeoutMs} ms; got:\n${this.lines.join('\n')}`));
      }, timeoutMs);
      this.#waiters.push({
        test: predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Waits until `count` stderr lines match. */
  async waitForCount(test: RegExp, count: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.filter((line) => test.test(line)).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} lines matching ${String(test)}; got:\n${this.lines.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
