/**
 * Runs one command and measures it: wall time, CPU time (user+sys of the whole tree, from GNU
 * /usr/bin/time when present, else from /proc samples), and peak resident memory of the process
 * tree (from /proc samples, else /usr/bin/time's largest process). Bounded by a timeout that kills
 * the whole process group.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { procAvailable, TreeSampler } from './proc-tree.js';

export interface Measurement {
  readonly wallMs: number;
  /** user + system CPU time of the command and everything it started, in ms */
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stderrTail: string;
  readonly cpuSource: 'gnu-time' | 'proc' | 'none';
  readonly rssSource: 'proc-tree' | 'gnu-time' | 'none';
}

export interface MeasureOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
}

let gnuTime: boolean | undefined;
export function hasGnuTime(): boolean {
  gnuTime ??= spawnSync('/usr/bin/time', ['-f', '%e', 'true'], { encoding: 'utf8' }).status === 0;
  return gnuTime;
}

export function measure(command: readonly string[], options: MeasureOptions): Promise<Measurement> {
  const useTime = hasGnuTime();
  const useProc = procAvailable();
  const scratch = mkdtempSync(join(tmpdir(), 'review-desk-bench-time-'));
  const timeFile = join(scratch, 'time.txt');
  const argv = useTime ? ['/usr/bin/time', '-f', '%e %U %S %M', '-o', timeFile, ...command] : [...command];
  const started = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const sampler = useProc && child.pid !== undefined ? new TreeSampler(child.pid) : null;
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, options.timeoutMs);

  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      sampler?.stop();
      rmSync(scratch, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      const sampled = sampler?.stop();
      let cpuMs = sampled?.cpuMs ?? 0;
      let cpuSource: Measurement['cpuSource'] = sampled ? 'proc' : 'none';
      let peakRssBytes = sampled?.peakRssBytes ?? 0;
      let rssSource: Measurement['rssSource'] = sampled ? 'proc-tree' : 'none';
      let exitCode = code;
      if (useTime) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the figures when N ≠ 0.
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const [, user, system, maxKb] = lines[lines.length - 1]!.split(' ').map(Number);
          cpuMs = (user! + system!) * 1000;
          cpuSource = 'gnu-time';
          if (!sampled || peakRssBytes === 0) {
            peakRssBytes = maxKb! * 1024;
            rssSource = 'gnu-time';
          }
        } catch {
          // killed before time could write: keep the sampled figures
        }
      }
      if (timedOut) exitCode = null;
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, cpuMs, peakRssBytes, exitCode, timedOut, stderrTail: stderr, cpuSource, rssSource });
    });
  });
}
