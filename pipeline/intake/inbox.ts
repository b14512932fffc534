/**
 * Moves a handled file out of the watched inbox into `INBOX/processed/` or `INBOX/rejected/`
 * without ever overwriting or deleting a submission: a taken name gets a ` (2)` style suffix, and
 * the move is a hard link followed by removing the inbox entry, so the bytes always have a name.
 * Moves run one at a time so two files never pick the same free name.
 */
import { link, lstat, mkdir, readdir, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import PQueue from 'p-queue';
import { writeFileAtomic } from '../support/atomic-write.js';
import { fitFileName } from '../support/file-name-bytes.js';
import { childPath, displayName, fsPath, isUtf8Name } from './byte-paths.js';
import { isWithin, linkTarget } from './collect-files.js';

export type InboxOutcome = 'processed' | 'rejected';

export const inboxFolders: readonly InboxOutcome[] = ['processed', 'rejected'];

export const reasonSuffix = '.reason.txt';

/** The reason note beside `destination`: `<name>.reason.txt`, its name shortened when it would pass 255 bytes. */
export function reasonPath(destination: string): string {
  return join(dirname(destination), `${fitFileName(basename(destination), reasonSuffix.length)}${reasonSuffix}`);
}

async function statOrNull(path: string) {
  return lstat(fsPath(path)).catch(() => null);
}

/** A name in `INBOX/<outcome>/` that no file has yet: `name.docx`, `name (2).docx`, `name (3).docx`, … */
export async function freeDestination(
  inbox: string,
  outcome: InboxOutcome,
  fileName: string,
  exactName: Buffer | null = null,
): Promise<string> {
  const folder = join(inbox, outcome);
  await mkdir(folder, { recursive: true });
  const extension = extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; ; n++) {
    // A name that is not UTF-8 keeps its exact bytes; a numbered variant is named in its display form.
    const candidate =
      n === 1 && exactName
        ? childPath(folder, exactName)
        : join(folder, fitFileName(n === 1 ? fileName : `${stem} (${n})${extension}`));
    if (!(await statOrNull(candidate)) && !(await statOrNull(reasonPath(candidate)))) return candidate;
  }
}

export type MoveState = 'moved' | 'already-moved' | 'source-missing' | 'destination-taken';

/**
 * Moves `source` to `destination` if it is not there yet. Safe to call again after a crash at any
 * point: a source already linked at the destination is just unlinked; a destination taken by a
 * different file is reported, never replaced.
 */
export async function moveWithoutOverwrite(source: string, destination: string): Promise<MoveState> {
  const from = await statOrNull(source);
  const to = await statOrNull(destination);
  if (!from) return to ? 'already-moved' : 'source-missing';
  if (to) {
    if (to.ino === from.ino && to.dev === from.dev) {
      await unlink(fsPath(source));
      return 'moved';
    }
    return 'destination-taken';
  }
  try {
    await link(fsPath(source), fsPath(destination));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'destination-taken';
    // File systems without hard links: rename cannot clobber here, the destination was just seen free.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
      await rename(fsPath(source), fsPath(destination));
      return 'moved';
    }
    throw error;
  }
  await unlink(fsPath(source));
  return 'moved';
}

/**
 * Whether an inbox entry may be read and moved: its folder's real path must lie inside the inbox's
 * (no symlinked folder leads out of it), and a symbolic link may only lead to a regular file inside
 * the inbox. Null when it may; else the Chinese reason it is skipped. Moving through a link to an
 * outside folder would take the files out of that folder.
 */
export async function inboxEntryProblem(path: string, inbox: string): Promise<string | null> {
  const realInbox = await realpath(inbox).catch(() => inbox);
  const realFolder = await realpath(dirname(path)).catch(() => null); // folders in the inbox walk are UTF-8 here
  if (realFolder === null) return null; // gone: the desk reports it vanished
  if (!isWithin(realFolder, realInbox)) return '位于指向收件文件夹之外的快捷方式（符号链接）文件夹中，未读取也未移动';
  const info = await lstat(fsPath(path)).catch(() => null);
  if (!info?.isSymbolicLink()) return null;
  const target = await linkTarget(path, realInbox);
  return 'file' in target ? null : target.reason.replace('所审核文件夹', '收件文件夹');
}

/**
 * The inbox files whose names are not UTF-8 (the folder watcher cannot see them: it decodes names
 * lossily and finds nothing under the decoded name), as display paths registered with their bytes.
 * Our own processed/rejected folders and the output folder are left out.
 */
export async function nonUtf8Entries(inbox: string, skip: (path: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    const entries = await readdir(fsPath(folder), { withFileTypes: true, encoding: 'buffer' }).catch(() => []);
    for (const entry of entries) {
      const path = childPath(folder, entry.name);
      if (skip(path) || displayName(entry.name).startsWith('.')) continue;
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && !isUtf8Name(entry.name)) found.push(path);
    }
  };
  await visit(inbox);
  return found;
}

/** The note beside a rejected file telling the unit why, in Chinese. */
export async function writeReason(destination: string, lines: readonly string[]): Promise<void> {
  await writeFileAtomic(reasonPath(destination), `${lines.join('\n')}\n`);
}

/** Serialises moves so free-name picking and moving happen as one step (a failed move does not stop the next). */
export class MoveQueue {
  readonly #queue = new PQueue({ concurrency: 1 });

  run<T>(step: () => Promise<T>): Promise<T> {
    return this.#queue.add(step);
  }
}
