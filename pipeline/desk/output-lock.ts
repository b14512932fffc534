/**
 * One writer per output folder: `check --out` and `watch` hold `DIR/review-desk.lock` (the holder's
 * process id and start time) while they run. A second writer is refused (exit 2) instead of resuming
 * the first one's files in flight and writing the same memos. A lock left by a process that no longer
 * runs (killed, power cut) is taken over, and the caller logs the takeover. Advisory: read-only
 * commands (status) never look at it.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../support/user-error.js';

export const lockFileName = 'review-desk.lock';

export interface LockHolder {
  readonly pid: number;
  /** When the holder took the lock (ISO). */
  readonly startedAt: string;
  /** The holder's start time in clock ticks since boot (Linux /proc), to tell a reused process id; null elsewhere. */
  readonly processStart: string | null;
  readonly host: string;
}

export class OutputLockedError extends UserError {
  readonly holder: LockHolder;

  constructor(holder: LockHolder) {
    super(
      `该输出目录正由另一个进程（PID ${holder.pid}，${holder.startedAt} 起）使用。` +
        '请等它结束，或改用另一个输出文件夹（同一时间只能有一个 check --out 或 watch 写入同一输出文件夹）。',
    );
    this.name = 'OutputLockedError';
    this.holder = holder;
  }
}

export interface OutputLock {
  /** The dead process whose lock was taken over, if any (for the caller's log). */
  readonly takenOver: LockHolder | null;
  /** Removes the lock file if it is still ours. Never throws. */
  release(): void;
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

function readHolder(file: string): LockHolder | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof raw.pid !== 'number') return null;
    return {
      pid: raw.pid,
      startedAt: String(raw.startedAt ?? ''),
      processStart: typeof raw.processStart === 'string' ? raw.processStart : null,
      host: String(raw.host ?? hostname()),
    };
  } catch {
    return null;
  }
}

function ourHolder(): LockHolder {
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    processStart: processStart(process.pid),
    host: hostname(),
  };
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function writeNew(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the output folder's lock, or throws OutputLockedError naming the process that holds it. */
export function acquireOutputLock(outDir: string): OutputLock {
  const file = join(outDir, lockFileName);
  const holder = ourHolder();
  let takenOver: LockHolder | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (writeNew(file, holder)) {
      return {
        takenOver,
        release() {
          try {
            if (readHolder(file)?.pid === holder.pid) unlinkSync(file);
          } catch {
            // Already gone, or the folder is unwritable now: a stale lock is taken over next time.
          }
        },
      };
    }
    let current = readHolder(file);
    if (current === null) {
      // A lock file being written is empty for an instant; one that stays empty was left by a crash.
      pause(100);
      current = readHolder(file) ?? { pid: 0, startedAt: '', processStart: null, host: hostname() };
    }
    if (current.pid !== 0 && isRunning(current)) throw new OutputLockedError(current);
    // Stale: move it aside under a name of our own, so two processes cannot both take the same stale lock.
    const aside = `${file}.${process.pid}.stale`;
    try {
      renameSync(file, aside);
      const moved = readHolder(aside);
      if (moved && (moved.pid !== current.pid || moved.startedAt !== current.startedAt)) {
        // Another process took the stale lock over meanwhile and this moved its fresh lock: put it back.
        linkSync(aside, file);
      } else {
        takenOver = current;
      }
      unlinkSync(aside);
    } catch {
      // Another process took it over first: try again, and meet its lock.
    }
  }
  throw new OutputLockedError(readHolder(file) ?? holder);
}
