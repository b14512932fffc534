/**
 * Moves a handled file out of the watched inbox into `INBOX/processed/` or `INBOX/rejected/`
 * without ever overwriting or deleting a submission: a taken name gets a ` (2)` style suffix, and
 * the move is a hard link followed by removing the inbox entry, so the bytes always have a name.
 * Moves run one at a time so two files never pick the same free name.
 */
import { link, lstat, mkdir, rename, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { writeFileAtomic } from '../support/atomic-write.js';

export type InboxOutcome = 'processed' | 'rejected';

export const inboxFolders: readonly InboxOutcome[] = ['processed', 'rejected'];

export const reasonSuffix = '.reason.txt';

async function statOrNull(path: string) {
  return lstat(path).catch(() => null);
}

/** A name in `INBOX/<outcome>/` that no file has yet: `name.docx`, `name (2).docx`, `name (3).docx`, … */
export async function freeDestination(inbox: string, outcome: InboxOutcome, fileName: string): Promise<string> {
  const folder = join(inbox, outcome);
  await mkdir(folder, { recursive: true });
  const extension = extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = join(folder, n === 1 ? fileName : `${stem} (${n})${extension}`);
    if (!(await statOrNull(candidate)) && !(await statOrNull(candidate + reasonSuffix))) return candidate;
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
      await unlink(source);
      return 'moved';
    }
    return 'destination-taken';
  }
  try {
    await link(source, destination);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'destination-taken';
    // File systems without hard links: rename cannot clobber here, the destination was just seen free.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
      await rename(source, destination);
      return 'moved';
    }
    throw error;
  }
  await unlink(source);
  return 'moved';
}

/** The note beside a rejected file telling the unit why, in Chinese. */
export async function writeReason(destination: string, lines: readonly string[]): Promise<void> {
  await writeFileAtomic(destination + reasonSuffix, `${lines.join('\n')}\n`);
}

/** Serialises moves so free-name picking and moving happen as one step. */
export class MoveQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(step, step);
    this.#tail = next.catch(() => {});
    return next;
  }
}
