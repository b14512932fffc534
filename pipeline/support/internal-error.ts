/**
 * The last resort for an error nobody expected (a bug): the finance officer gets one Chinese line
 * saying where the details are; the stack goes to `DIR/review-desk.log` when the command had an
 * output folder, and to stderr only with `--verbose` or the DEBUG environment variable. Also the
 * message of a single file rejected for such an error.
 */
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { logFileName } from './logger.js';

export interface InternalErrorContext {
  /** The command's arguments, to find `--out DIR` and `--verbose`. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The `error.message` of a file rejected because of an internal error; names the log file when there is one. */
export function internalErrorMessage(withLogFile: boolean): string {
  const where = withLogFile
    ? '请将输出文件夹中的 review-desk.log 提供给技术人员'
    : '可加上 --verbose 重新审核以显示技术详情，并提供给技术人员';
  return `处理该文件时发生内部错误，未能完成审核。${where}，或稍后重新审核。`;
}

/** The stack of an error for the log file (or for stderr with --verbose). */
export function technical(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function outDirOf(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' && argv[i + 1] !== undefined) return argv[i + 1]!;
    if (arg.startsWith('--out=')) return arg.slice('--out='.length);
  }
  return null;
}

export function wantsDetails(context: InternalErrorContext): boolean {
  return context.argv.includes('--verbose') || Boolean(context.env.DEBUG);
}

/**
 * Keeps the technical cause of an error the officer was told about in Chinese (a full disk: which
 * write, which file) in the log file, when there is one and it can still be written. Never throws.
 */
export function logTechnical(error: Error, context: InternalErrorContext): void {
  const outDir = outDirOf(context.argv);
  if (outDir === null) return;
  try {
    const record = { level: 50, time: new Date().toISOString(), pid: process.pid, event: 'run-stopped' };
    appendFileSync(
      resolve(context.cwd, outDir, logFileName),
      `${JSON.stringify({ ...record, error: technical(error.cause ?? error) })}\n`,
    );
  } catch {
    // The output folder is the trouble (full, read-only): the Chinese line already says so.
  }
}

/** The text to print on stderr; writes the log record as a side effect when there is an output folder. */
export function describeInternalError(error: unknown, context: InternalErrorContext): string {
  const headline = 'review-desk：内部错误，本次运行未能完成。';
  if (wantsDetails(context)) return `${headline}\n${technical(error)}\n`;
  const outDir = outDirOf(context.argv);
  if (outDir !== null) {
    const logFile = resolve(context.cwd, outDir, logFileName);
    try {
      const record = { level: 60, time: new Date().toISOString(), pid: process.pid, event: 'internal-error' };
      appendFileSync(logFile, `${JSON.stringify({ ...record, error: technical(error) })}\n`);
      return `${headline}详情已记入 ${logFile}，请提供给技术人员。\n`;
    } catch {
      // The output folder itself may be the trouble; fall through to the plain advice.
    }
  }
  return `${headline}加上 --verbose 重新运行可显示技术详情，请提供给技术人员。\n`;
}
