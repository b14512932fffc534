/**
 * Two audiences, one call: a structured pino record for `DIR/review-desk.log` (when there is an
 * output folder) and a plain Chinese line for the person at the terminal on stderr. stdout is never
 * written here — it carries the JSON of `check --json`.
 */
import { join } from 'node:path';
import pino from 'pino';
import { truncate } from './text-table.js';

export interface Logger {
  /** A line for the user and a record for the log file. */
  info(event: string, fields: Record<string, unknown>, line: string): void;
  warn(event: string, fields: Record<string, unknown>, line: string): void;
  error(event: string, fields: Record<string, unknown>, line: string): void;
  /** A record for the log file only. */
  debug(event: string, fields: Record<string, unknown>): void;
  /** Shows progress of a batch: a status line on a terminal, nothing otherwise (the per-file lines say it). */
  progress(done: number, total: number, label: string): void;
  close(): void;
}

export interface LoggerOptions {
  /** Output folder: records go to `DIR/review-desk.log`. */
  readonly outDir?: string | null;
  readonly stderr?: NodeJS.WriteStream;
  /** No user lines (e.g. tests); the log file is still written. */
  readonly quiet?: boolean;
}

export const logFileName = 'review-desk.log';

export function createLogger(options: LoggerOptions = {}): Logger {
  const stderr = options.stderr ?? process.stderr;
  const destination = options.outDir
    ? pino.destination({ dest: join(options.outDir, logFileName), sync: true, mkdir: true })
    : null;
  const records = destination
    ? pino({ level: 'debug', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination)
    : null;
  const tty = Boolean(stderr.isTTY);
  let statusShown = false;
  let closed = false;

  const say = (line: string): void => {
    if (options.quiet || closed) return;
    if (statusShown) {
      stderr.write('\r\x1b[K');
      statusShown = false;
    }
    stderr.write(`${line}\n`);
  };

  return {
    info(event, fields, line) {
      if (!closed) records?.info({ event, ...fields }, line);
      // On a terminal the status line already tells per-file progress; keep the screen calm.
      if (!(tty && event === 'file-checked')) say(line);
    },
    warn(event, fields, line) {
      if (!closed) records?.warn({ event, ...fields }, line);
      say(line);
    },
    error(event, fields, line) {
      if (!closed) records?.error({ event, ...fields }, line);
      say(line);
    },
    debug(event, fields) {
      if (!closed) records?.debug({ event, ...fields });
    },
    progress(done, total, label) {
      if (!tty || options.quiet || closed) return;
      const width = Math.max(20, (stderr.columns || 80) - 2);
      const text = truncate(`[${done}/${total}] ${label}`, width);
      stderr.write(`\r\x1b[K${text}`);
      statusShown = true;
    },
    close() {
      // A late line from a step still settling must not write to a closed log file.
      if (closed) return;
      closed = true;
      if (statusShown) {
        stderr.write('\r\x1b[K');
        statusShown = false;
      }
      destination?.flushSync();
      destination?.end();
    },
  };
}
