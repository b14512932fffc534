/**
 * Expands the PATH arguments of `check` into the submission files they name: files as given,
 * folders read recursively in a stable (code-point) order, skipping hidden and temporary files and
 * the data files (manifests, notes, contact lists) that sit beside submissions.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isFolderDataName, isIgnoredName } from './ignore-rules.js';

export class MissingPathError extends Error {
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

async function walk(folder: string, into: string[], skipped: SkippedEntry[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    // An unreadable sub-folder holds nothing we can check; the others still are.
    skipped.push({ path: folder, reason: '无法读取该文件夹（权限不足或已损坏）' });
    return;
  }
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  for (const entry of entries) {
    if (isIgnoredName(entry.name)) continue;
    const path = join(folder, entry.name);
    // Symbolic links to folders are not followed, so a link loop cannot make the walk endless.
    if (entry.isDirectory()) await walk(path, into, skipped);
    else if (entry.isFile()) {
      if (!isFolderDataName(entry.name)) into.push(path);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target?.isFile()) {
        if (!isFolderDataName(entry.name)) into.push(path);
      } else if (!target) skipped.push({ path, reason: '快捷方式（符号链接）指向的文件不存在' });
    } else if (!isFolderDataName(entry.name)) {
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
    if (info.isDirectory()) await walk(path, found, skipped);
    else found.push(path);
  }
  return [...new Set(found)];
}
