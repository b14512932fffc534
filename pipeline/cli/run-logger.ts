/**
 * The logger of a run that writes an output folder (`check`, `watch`): a log write that fails stops
 * the run through its RunStop instead of spinning, and a lock taken over from a dead process is said
 * once and kept in the log.
 */
import type { LockHolder } from '../desk/output-lock.js';
import { createLogger, type Logger } from '../support/logger.js';
import { RunStop } from '../support/run-stop.js';
import type { CliIo } from './cli-io.js';

export interface RunLogging {
  readonly stop: RunStop;
  readonly logger: Logger;
}

export function startRunLogging(outDir: string | null, io: CliIo, takenOver: LockHolder | null): RunLogging {
  const stop = new RunStop();
  const logger = createLogger({
    outDir,
    stderr: io.stderr,
    verbose: io.verbose ?? false,
    onWriteError: (error) => stop.logFailed(error),
  });
  if (takenOver) {
    logger.warn(
      'lock-taken-over',
      { ...takenOver },
      `输出文件夹的锁文件由已不在运行的进程（PID ${takenOver.pid}）留下，已接管；该进程未完成的文件将继续处理`,
    );
  }
  return { stop, logger };
}
