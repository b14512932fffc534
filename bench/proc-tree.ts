/**
 * Samples a process tree through /proc (Linux): the summed resident memory of a process and all its
 * descendants, and their CPU time. /usr/bin/time reports only the largest single process, and a
 * baseline run through xargs is many processes at once, so the tree is what is comparable.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;
const CLOCK_TICKS = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** user + system CPU of the process itself, in ms */
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS,
    };
  } catch {
    return null;
  }
}

function residentBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

export function procAvailable(): boolean {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
}

/** The pids of `root` and its descendants right now. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export class TreeSampler {
  readonly #root: number;
  readonly #timer: NodeJS.Timeout;
  #peakRssBytes = 0;
  /** Last CPU time seen per pid: processes that exit keep what they had used at the last sample. */
  readonly #cpuByPid = new Map<number, number>();
  #samples = 0;

  constructor(root: number, intervalMs = 50) {
    this.#root = root;
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  sample(): void {
    let rss = 0;
    for (const pid of descendants(this.#root)) {
      rss += residentBytes(pid);
      const stat = readStat(pid);
      if (stat) this.#cpuByPid.set(pid, Math.max(this.#cpuByPid.get(pid) ?? 0, stat.cpuMs));
    }
    this.#samples++;
    if (rss > this.#peakRssBytes) this.#peakRssBytes = rss;
  }

  stop(): { peakRssBytes: number; cpuMs: number; samples: number } {
    clearInterval(this.#timer);
    let cpuMs = 0;
    for (const value of this.#cpuByPid.values()) cpuMs += value;
    return { peakRssBytes: this.#peakRssBytes, cpuMs, samples: this.#samples };
  }
}
