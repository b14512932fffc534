/**
 * Two audiences, one call: a structured pino record for `DIR/review-desk.log` (when there is an
 * output folder) and a plain Chinese line for the person at the terminal on stderr. stdout is never
 * written here — it carries the JSON of `check --json`.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { printableName } from '../../reports/file-names.js';
import { type ProgressDisplay, startProgressDisplay } from '../cli/progress-display.js';

export interface Logger {
  /** A line for the user and a record for the log file. */
  info(event: string, fields: Record<string, unknown>, line: string): void;
  warn(event: string, fields: Record<string, unknown>, line: string): void;
  error(event: string, fields: Record<string, unknown>, line: string): void;
  /** A record for the log file only. */
  debug(event: string, fields: Record<string, unknown>): void;
  /**
   * Shows progress of a batch: a progress bar on a terminal (stderr a TTY), nothing otherwise — the
   * per-file lines say it, plainly, for logs and pipes.
   */
  progress(done: number, total: number, label: string): void;
  /** Ends the progress display and the log file; resolves once the terminal is plain again. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** Output folder: records go to `DIR/review-desk.log`. */
  readonly outDir?: string | null;
  readonly stderr?: NodeJS.WriteStream;
  /** No user lines (e.g. tests); the log file is still written. */
  readonly quiet?: boolean;
  /**
   * Also show a record's technical `error` (a stack) under its line on stderr (`--verbose`, DEBUG);
   * otherwise it goes to the log file only. @default false
   */
  readonly verbose?: boolean;
  /**
   * Called once when the log file cannot be written (a full disk, a folder made read-only): the
   * logger then drops further records instead of retrying, and the caller decides to stop the run.
   */
  readonly onWriteError?: (error: unknown) => void;
}

/**
 * The log file as pino's destination: one synchronous append per record (the record is on disk
 * before the step goes on, so a crash loses none). The first failed write closes the file for good
 * and is reported once — never retried, so a full disk cannot make the process spin.
 */
class LogFile {
  #fd: number | null;
  readonly #onError: (error: unknown) => void;

  constructor(path: string, onError: (error: unknown) => void) {
    mkdirSync(join(path, '..'), { recursive: true });
    this.#fd = openSync(path, 'a');
    this.#onError = onError;
  }

  write(text: string): boolean {
    if (this.#fd === null) return true;
    try {
      const bytes = Buffer.from(text);
      let written = 0;
      while (written < bytes.length) written += writeSync(this.#fd, bytes, written);
    } catch (error) {
      this.end();
      this.#onError(error);
    }
    return true;
  }

  end(): void {
    if (this.#fd === null) return;
    const fd = this.#fd;
    this.#fd = null;
    try {
      closeSync(fd);
    } catch {
      // Closing after a failed write may fail the same way; nothing more to lose.
    }
  }
}

export const logFileName = 'review-desk.log';

export function createLogger(options: LoggerOptions = {}): Logger {
  const stderr = options.stderr ?? process.stderr;
  const destination = options.outDir
    ? new LogFile(join(options.outDir, logFileName), (error) => options.onWriteError?.(error))
    : null;
  const records = destination
    ? pino({ level: 'debug', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination)
    : null;
  const tty = Boolean(stderr.isTTY);
  let display: ProgressDisplay | null = null;
  let closing: Promise<void> | null = null;

  // A file name in a line may hold a newline or an escape sequence: shown escaped, never raw.
  const say = (raw: string, detail?: string): void => {
    if (options.quiet || closing) return;
    const line = detail === undefined ? printableName(raw) : `${printableName(raw)}\n${detail}`;
    if (display) display.line(line);
    else stderr.write(`${line}\n`);
  };

  return {
    info(event, fields, line) {
      if (!closing) records?.info({ event, ...fields }, line);
      // On a terminal the progress bar already tells per-file progress; keep the screen calm.
      if (!(tty && event === 'file-checked')) say(line);
    },
    warn(event, fields, line) {
      if (!closing) records?.warn({ event, ...fields }, line);
      say(line);
    },
    error(event, fields, line) {
      if (!closing) records?.error({ event, ...fields }, line);
      say(line, options.verbose && typeof fields.error === 'string' ? fields.error : undefined);
    },
    debug(event, fields) {
      if (!closing) records?.debug({ event, ...fields });
    },
    progress(done, total, label) {
      if (!tty || options.quiet || closing) return;
      display ??= startProgressDisplay(stderr);
      display.update(done, total, printableName(label));
    },
    close() {
      // A late line from a step still settling must not write to a closed log file.
      closing ??= (async () => {
        destination?.end();
        await display?.finish();
      })();
      return closing;
    },
  };
}
