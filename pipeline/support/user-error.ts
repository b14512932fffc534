/**
 * The one base class of every error written for the finance officer: its message is Chinese and
 * says what to do, and it carries the exit code the command ends with when it stops a run (usage,
 * config, damaged store, full disk, output folder in use). `asUserError` is the one place that
 * recognises them — our own classes, the rules' ConfigError, and the machine's errors that stop a
 * run (a full disk, an output folder that cannot be written, a store that fails); anything else is
 * an internal error (a bug), told as such.
 */
export class UserError extends Error {
  /** The exit code when this error stops the command. @default 2 */
  readonly exitCode: number;
  /**
   * Whether the run cannot go on. False for an error about one file only (it could not be archived
   * because it changed meanwhile): that file is reported and the others go on. @default true
   */
  readonly stopsRun: boolean;

  constructor(message: string, options?: { cause?: unknown; exitCode?: number; stopsRun?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options?.exitCode ?? 2;
    this.stopsRun = options?.stopsRun ?? true;
  }
}

const resumeAdvice = '未处理完的文件保持原样，下次运行时继续处理';

/** ENOSPC or EDQUOT (or SQLite's "database or disk is full") anywhere: the run stops cleanly (exit 2). */
export class DiskFullError extends UserError {
  constructor(options?: { cause?: unknown }) {
    super(
      `输出目录所在磁盘已满（或超出磁盘配额），本次运行已停止。请腾出磁盘空间后重新运行，${resumeAdvice}。`,
      options,
    );
    this.name = 'DiskFullError';
  }
}

/** The output folder (or the inbox's processed/rejected folders) stopped accepting writes during a run. */
export class OutputUnwritableError extends UserError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      `无法写入输出文件夹（${reason}），本次运行已停止。请检查文件夹的权限或磁盘状态后重新运行，${resumeAdvice}。`,
      options,
    );
    this.name = 'OutputUnwritableError';
  }
}

/** The SQLite store failed during a run (I/O error, damaged page, locked for too long). */
export class StoreFailedError extends UserError {
  constructor(code: string, options?: { cause?: unknown }) {
    super(
      `读写输出文件夹中的数据库文件 review-desk.sqlite 时出错（${code}），本次运行已停止，审核结果未被改动。` +
        `请将输出文件夹中的 review-desk.log 提供给技术人员；${resumeAdvice}。`,
      options,
    );
    this.name = 'StoreFailedError';
  }
}

/** The errors an error was caused by, itself first (our own errors wrap the file system's). */
function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current = error;
  while (current !== null && current !== undefined && !seen.has(current)) {
    seen.add(current);
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * SQLite's codes for a store that cannot be read or written (I/O, damage, read-only, locked, out of
 * memory), and a trigger's RAISE (the store refusing the write). A plain SQLITE_ERROR or a constraint
 * is a mistake of ours — an internal error, told as such.
 */
const storeFailurePrefixes: readonly string[] = [
  'SQLITE_IOERR',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PROTOCOL',
  'SQLITE_NOMEM',
  'SQLITE_CONSTRAINT_TRIGGER',
];

const diskFullCodes: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const unwritableReasons: Readonly<Record<string, string>> = {
  EROFS: '所在磁盘为只读',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EIO: '磁盘读写错误',
};

/**
 * The machine refusing a write, wherever it happened: a full disk first (it is the cause the officer
 * can act on), then an unwritable folder, then the store. Null for anything else.
 */
function machineFailure(error: unknown): UserError | null {
  const chain = [...causes(error)];
  if (chain.some((link) => diskFullCodes.has(codeOf(link) ?? ''))) return new DiskFullError({ cause: error });
  for (const link of chain) {
    const code = codeOf(link);
    if (code && unwritableReasons[code] && typeof (link as { syscall?: unknown }).syscall === 'string') {
      return new OutputUnwritableError(unwritableReasons[code]!, { cause: error });
    }
  }
  for (const link of chain) {
    if (link instanceof UserError) return null;
    const code = codeOf(link);
    if (code && storeFailurePrefixes.some((prefix) => code.startsWith(prefix))) {
      return new StoreFailedError(code, { cause: error });
    }
  }
  return null;
}

/**
 * The rules' ConfigError lives upstream in rules/, which must not import the pipeline: it is
 * recognised by its name and key here rather than by subclassing.
 */
function isRulesConfigError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ConfigError' && 'key' in error;
}

/** The error as a UserError when its message is (or can be) written for the officer; null for an internal error. */
export function asUserError(error: unknown): UserError | null {
  const machine = machineFailure(error);
  if (machine) return machine;
  if (error instanceof UserError) return error;
  if (isRulesConfigError(error)) return new UserError(error.message, { cause: error });
  return null;
}

/** The UserError that must stop the whole run (exit 2), or null when the error concerns one file only or is a bug. */
export function runStopper(error: unknown): UserError | null {
  const user = asUserError(error);
  return user?.stopsRun ? user : null;
}
