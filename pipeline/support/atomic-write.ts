/**
 * Writes a file so that it is either absent or complete: the bytes go to a temporary name in the
 * same folder, are flushed to disk, and only then renamed into place. A crash at any moment leaves
 * at worst a `.partial` file behind, never a truncated output under the real name.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fitFileName } from './file-name-bytes.js';

export const partialSuffix = '.partial';

/**
 * `.<name>.<tag>.partial`, within the 255-byte limit on a file name whatever the target's length:
 * a name too long keeps its start and a hash of the whole name instead of the rest.
 */
export function temporaryName(name: string, tag: string): string {
  return `.${fitFileName(name, `.${tag}${partialSuffix}`.length + 1)}.${tag}${partialSuffix}`;
}

export interface AtomicWriteOptions {
  /** Flush the folder entry too; a caller writing several files into one folder does it once itself. @default true */
  readonly syncFolder?: boolean;
  /**
   * Flush the file's bytes before the rename. Without it the rename is still atomic against a
   * killed process (the kernel keeps both), but a power cut may leave the file empty or missing:
   * only for outputs that can be rebuilt. Implies no folder flush either. @default true
   */
  readonly durable?: boolean;
  /** Permission bits of the new file (before the umask), e.g. 0o600 for the archive's copies. @default 0o666 */
  readonly mode?: number;
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, temporaryName(basename(path), randomBytes(4).toString('hex')));
  const handle = await openCreatingFolder(temporary, folder, options.mode ?? 0o666);
  try {
    await handle.writeFile(data);
    if (options.durable !== false) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  if (options.syncFolder !== false && options.durable !== false) await syncFolder(folder);
}

/** Opens a new file; the folder is made only when it is missing (most writes go to folders that exist). */
async function openCreatingFolder(path: string, folder: string, mode: number): Promise<FileHandle> {
  try {
    return await open(path, 'w', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(folder, { recursive: true });
    return open(path, 'w', mode);
  }
}

/** Makes a rename durable: the folder's entry list is flushed too. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

/** Removes the leftovers of writes a crash interrupted (only our own hidden `.partial` files). */
export async function removePartials(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith('.') && name.endsWith(partialSuffix))
      .map((name) => rm(join(folder, name), { force: true })),
  );
}
