/**
 * Expands the PATH arguments of `check` into the submission files they name: files as given,
 * folders read recursively in a stable (code-point) order, skipping hidden and temporary files and
 * the data files (manifests, notes, contact lists) that sit beside submissions.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { UserError } from '../support/user-error.js';
import { childPath, displayName, fsPath } from './byte-paths.js';
import { isFolderDataName, isIgnoredName } from './ignore-rules.js';

export class MissingPathError extends UserError {
  readonly path: string;

  constructor(path: string) {
    super(`找不到文件或文件夹：${path}`);
    this.name = 'MissingPathError';
    this.path = path;
  }
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Something in a folder that could be a submission but is not read: the user is told, it is not silently dropped. */
export interface SkippedEntry {
  readonly path: string;
  /** Why, in Chinese. */
  readonly reason: string;
}

/** Whether `path` is `folder` or lies under it (both real paths). */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * What a symbolic link met in a folder walk leads to: a regular file inside the folder named on the
 * command line (read like any file), or the reason it is skipped. Links are never followed into
 * folders (no loops, no walking out of the input), and a file outside the input is never read.
 */
export async function linkTarget(path: string, realRoot: string): Promise<{ file: true } | { reason: string }> {
  let real: Buffer;
  try {
    real = await realpath(fsPath(path), { encoding: 'buffer' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { reason: '快捷方式（符号链接）循环指向自身，未读取' };
    if (code === 'ENOENT') return { reason: '快捷方式（符号链接）指向的文件不存在' };
    return { reason: '快捷方式（符号链接）指向的位置无法读取' };
  }
  const target = await stat(real).catch(() => null);
  if (!target) return { reason: '快捷方式（符号链接）指向的位置无法读取' };
  if (target.isDirectory()) return { reason: '快捷方式（符号链接）指向文件夹，不进入其中' };
  if (!target.isFile()) return { reason: '快捷方式（符号链接）指向的不是普通文件' };
  if (!isWithin(real.toString('utf8'), realRoot))
    return { reason: '快捷方式（符号链接）指向所审核文件夹之外的文件，未读取' };
  return { file: true };
}

async function walk(folder: string, realRoot: string, into: string[], skipped: SkippedEntry[]): Promise<void> {
  let entries: { entry: Dirent<Buffer>; name: string }[];
  try {
    // Names as bytes: a GBK name (Windows unzip) is not UTF-8 and would not open again from a string.
    const read = await readdir(fsPath(folder), { withFileTypes: true, encoding: 'buffer' });
    entries = read.map((entry) => ({ entry, name: displayName(entry.name) }));
  } catch {
    // An unreadable sub-folder holds nothing we can check; the others still are.
    skipped.push({ path: folder, reason: '无法读取该文件夹（权限不足或已损坏）' });
    return;
  }
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  for (const { entry, name } of entries) {
    if (isIgnoredName(name)) continue;
    const path = childPath(folder, entry.name);
    // Symbolic links to folders are not followed, so a link loop cannot make the walk endless.
    if (entry.isDirectory()) await walk(path, realRoot, into, skipped);
    else if (entry.isFile()) {
      if (!isFolderDataName(name)) into.push(path);
    } else if (entry.isSymbolicLink()) {
      if (isFolderDataName(name)) continue;
      const target = await linkTarget(path, realRoot);
      if ('file' in target) into.push(path);
      else skipped.push({ path, reason: target.reason });
    } else if (!isFolderDataName(name)) {
      // A FIFO, socket or device: reading it could block for ever, and it is no report.
      skipped.push({ path, reason: '不是普通文件' });
    }
  }
}

/**
 * Files named by the arguments, in argument order, each once. Throws MissingPathError for a path that does not
 * exist. What a folder holds that cannot be read as a file (see SkippedEntry) is added to `skipped`.
 */
export async function collectFiles(paths: readonly string[], skipped: SkippedEntry[] = []): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new MissingPathError(path);
    // Links inside the folder may lead only to files inside it (its real path, if it is itself a link).
    if (info.isDirectory()) await walk(path, await realpath(path), found, skipped);
    else found.push(path);
  }
  return [...new Set(found)];
}
