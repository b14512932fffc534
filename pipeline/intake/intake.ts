/**
 * Intake: reads a submission's bytes, fingerprints them (sha256) and keeps an exact copy in the
 * content-addressed archive `DIR/archive/<sha256>.<ext>` before anything tries to parse them.
 * Files above the size limit are hashed and copied as streams, never loaded whole. Only regular
 * files are read (a FIFO or device named by mistake must not block the run), within a time limit.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, constants as fsConstants } from 'node:fs';
import { access, chmod, type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { archiveExtension, type SniffedFormat, sniffFormat } from '../../extractors/format/sniff-format.js';
import type { ReadLimits } from '../../extractors/model/limits.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { rejectedResult, rejectionMessages } from '../check/check-result.js';
import { partialSuffix, syncFolder, writeFileAtomic } from '../support/atomic-write.js';
import { UserError } from '../support/user-error.js';
import { fsPath } from './byte-paths.js';

export interface IntakeFile {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
  format: SniffedFormat;
  /** The whole content, or null when the file exceeds `maxFileBytes` and is only streamed. */
  bytes: Buffer | null;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The path names a FIFO, device, socket or folder: opening it for reading could block for ever. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';

  constructor(path: string) {
    super(`${path} 不是普通文件`);
    this.name = 'NotRegularFileError';
  }
}

/** Reading the file from disk took longer than the limit (a hung network share, a stalled disk). */
export class ReadTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(path: string, ms: number) {
    super(`读取 ${path} 超过${Math.round(ms / 1000)}秒仍未完成`);
    this.name = 'ReadTimeoutError';
  }
}

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting; no effect on regular files.
const openFlags = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Opens `path` for reading only if it is a regular file, checked on the opened handle so that no swap can slip in. */
async function openRegular(path: string): Promise<FileHandle> {
  const handle = await open(fsPath(path), openFlags);
  try {
    if (!(await handle.stat()).isFile()) throw new NotRegularFileError(path);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readOpened(path: string, limits: ReadLimits, signal: AbortSignal): Promise<IntakeFile> {
  const handle = await openRegular(path);
  try {
    const size = (await handle.stat()).size;
    const fileName = basename(path);
    if (size > limits.maxFileBytes) {
      const head = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const hash = createHash('sha256');
      const stream = handle.createReadStream({ start: 0, autoClose: false, signal });
      for await (const chunk of stream) hash.update(chunk as Buffer);
      const format = sniffFormat(head.subarray(0, bytesRead));
      return { path, fileName, sha256: hash.digest('hex'), size, format, bytes: null };
    }
    const bytes = await handle.readFile({ signal });
    return { path, fileName, sha256: sha256Of(bytes), size: bytes.length, format: sniffFormat(bytes), bytes };
  } finally {
    await handle.close();
  }
}

/**
 * How long reading one file from disk may take: as long as a file's whole check, and never under 30
 * seconds, so that a tight parse limit does not turn a slow but working disk into rejections.
 */
export function readTimeoutMs(limits: ReadLimits): number {
  return Math.max(limits.timeoutMs, 30_000);
}

export interface ReadIntakeOptions {
  /** @default readTimeoutMs(limits) */
  readonly timeoutMs?: number;
}

/**
 * Reads and fingerprints one regular file within the read time limit. Throws NotRegularFileError
 * (without ever blocking on a FIFO or device), ReadTimeoutError, or the file system's error.
 */
export async function readIntakeFile(
  path: string,
  limits: ReadLimits,
  options: ReadIntakeOptions = {},
): Promise<IntakeFile> {
  const timeoutMs = options.timeoutMs ?? readTimeoutMs(limits);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ReadTimeoutError(path, timeoutMs));
    }, timeoutMs);
  });
  const reading = readOpened(path, limits, controller.signal);
  // A read that ends after the deadline has nobody waiting for it.
  reading.catch(() => {});
  try {
    return await Promise.race([reading, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The rejected result and the Chinese line for a file intake could not read (what readIntakeFile threw). */
export function unreadableFile(
  display: string,
  error: unknown,
  limits: ReadLimits,
): { result: CheckResult; line: string } {
  const empty = sha256Of(new Uint8Array());
  if (error instanceof NotRegularFileError) {
    const message = '该路径不是普通文件（可能是管道、设备或套接字），无法作为报送文件审核，请报送 DOCX 或 PDF 文件。';
    return {
      result: rejectedResult(display, empty, null, 'unsupported-format', message),
      line: `${display} 已退回：不是普通文件`,
    };
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    error instanceof ReadTimeoutError
      ? `读取超过${Math.round(readTimeoutMs(limits) / 1000)}秒仍未完成`
      : code === 'EACCES' || code === 'EPERM'
        ? '没有读取权限'
        : '文件无法打开';
  return {
    result: rejectedResult(display, empty, null, 'corrupt-file', rejectionMessages.unreadable(reason)),
    line: `无法读取 ${display}：${reason}`,
  };
}

/** The archive path of a file, relative to the output folder. */
export function archiveRelativePath(file: Pick<IntakeFile, 'sha256' | 'format' | 'fileName'>): string {
  return join('archive', `${file.sha256}.${archiveExtension(file.format, file.fileName)}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Archiving failed; the message is Chinese (it reaches the user's log line), the file system's error is the cause. */
export class ArchiveError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    // About one file; a full disk or an unwritable folder among its causes stops the run (see asUserError).
    super(message, { ...options, stopsRun: false });
    this.name = 'ArchiveError';
  }
}

function archiveFailure(file: IntakeFile, error: unknown): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? '磁盘空间不足'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? '输出文件夹没有写入权限'
        : code === 'ENOENT'
          ? '文件已被移走'
          : error instanceof NotRegularFileError
            ? '不是普通文件'
            : `文件系统错误${code ? ` ${code}` : ''}`;
  return new ArchiveError(`无法存档 ${file.fileName}：${reason}`, { cause: error });
}

/**
 * Puts the exact bytes at `DIR/<relativePath>`. An archive file only ever appears complete (temp
 * name, fsync, rename), so one that exists is the original and is left as it is. Throws ArchiveError.
 */
export async function archiveFile(outDir: string, file: IntakeFile, relativePath: string): Promise<void> {
  try {
    await archiveExactly(outDir, file, relativePath);
  } catch (error) {
    throw archiveFailure(file, error);
  }
}

const archiveFolderMode = 0o700;
const archiveFileMode = 0o600;

async function archiveExactly(outDir: string, file: IntakeFile, relativePath: string): Promise<void> {
  const target = join(outDir, relativePath);
  if (await exists(target)) return;
  // Originals may be confidential (a link once archived /etc/shadow readable by all): owner only.
  const folder = join(outDir, 'archive');
  await mkdir(folder, { recursive: true, mode: archiveFolderMode });
  await chmod(folder, archiveFolderMode);
  if (file.bytes) {
    await writeFileAtomic(target, file.bytes, { mode: archiveFileMode });
    return;
  }
  const temporary = join(folder, `.${file.sha256}${partialSuffix}`);
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const source = await openRegular(file.path);
  try {
    await pipeline(
      source.createReadStream({ autoClose: false }),
      hashing,
      createWriteStream(temporary, { flush: true, mode: archiveFileMode }),
    );
  } finally {
    await source.close();
  }
  if (hash.digest('hex') !== file.sha256) {
    await rm(temporary, { force: true });
    throw new ArchiveError(`无法存档 ${file.fileName}：存档过程中文件被改动，请待文件写完后重新审核`);
  }
  await rename(temporary, target);
  await syncFolder(folder);
}

/** Reads an archived submission back (to resume a run a crash interrupted). */
export function readArchived(outDir: string, relativePath: string, limits: ReadLimits): Promise<IntakeFile> {
  return readIntakeFile(join(outDir, relativePath), limits);
}
