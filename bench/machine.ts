/** What the benchmark ran on and at which commit, for results.md. */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly commit: string;
  /** Files changed in the working tree at bench time (the figures are of that tree, not just of the commit). */
  readonly dirty: boolean;
  readonly date: string;
  /** 1-minute load average when the figures were taken: other work on the machine skews every ratio and CPU share. */
  readonly loadAverage: number;
}

function git(root: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

export function machineInfo(root: string, now = new Date()): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: git(root, ['rev-parse', '--short', 'HEAD']) || 'unknown',
    dirty: git(root, ['status', '--porcelain', '--untracked-files=no']) !== '',
    date: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}

/** Version line of an external tool, or null when it is not installed. */
export function toolVersion(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) return null;
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0] ?? command;
}
