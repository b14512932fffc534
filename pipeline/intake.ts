/**
 * Intake: reads a submission's bytes, fingerprints them (sha256) and keeps an exact copy in the
 * content-addressed archive `DIR/archive/<sha256>.<ext>` before anything tries to parse them.
 * Files above the size limit are hashed and copied as streams, never loaded whole.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadLimits } from '../extractors/limits.js';
import { partialSuffix, syncFolder, writeFileAtomic } from './atomic-write.js';
import { archiveExtension, type SniffedFormat, sniffFormat } from './sniff-format.js';

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

async function headOf(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function hashStream(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest('hex');
}

/** Reads and fingerprints one file. Throws the file system's error when it cannot be read. */
export async function readIntakeFile(path: string, limits: ReadLimits): Promise<IntakeFile> {
  const info = await stat(path);
  const fileName = basename(path);
  if (info.size > limits.maxFileBytes) {
    const head = await headOf(path, 64 * 1024);
    return { path, fileName, sha256: await hashStream(path), size: info.size, format: sniffFormat(head), bytes: null };
  }
  const bytes = await readFile(path);
  return { path, fileName, sha256: sha256Of(bytes), size: bytes.length, format: sniffFormat(bytes), bytes };
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

/**
 * Puts the exact bytes at `DIR/<relativePath>`. An archive file only ever appears complete (temp
 * name, fsync, rename), so one that exists is the original and is left as it is.
 */
export async function archiveFile(outDir: string, file: IntakeFile, relativePath: string): Promise<void> {
  const target = join(outDir, relativePath);
  if (await exists(target)) return;
  if (file.bytes) {
    await writeFileAtomic(target, file.bytes);
    return;
  }
  const folder = join(outDir, 'archive');
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${file.sha256}${partialSuffix}`);
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(file.path), hashing, createWriteStream(temporary, { flush: true }));
  if (hash.digest('hex') !== file.sha256) {
    await rm(temporary, { force: true });
    throw new Error(`${file.path} changed while it was being archived`);
  }
  await rename(temporary, target);
  await syncFolder(folder);
}

/** Reads an archived submission back (to resume a run a crash interrupted). */
export function readArchived(outDir: string, relativePath: string, limits: ReadLimits): Promise<IntakeFile> {
  return readIntakeFile(join(outDir, relativePath), limits);
}
