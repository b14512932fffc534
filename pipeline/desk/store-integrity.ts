/**
 * Refuses a store that cannot be trusted, before anything is read from it or written to it: damaged
 * pages behind an intact header (`PRAGMA quick_check`), and a store that is empty or has lost its
 * tables while the archive holds originals — starting such a store afresh would forget every
 * submission and mail sent, and mail could go out twice. A store file that does not exist is new.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** Why the store cannot be used, or null when it can. */
export type StoreDamage = 'blank-with-archive' | 'integrity';

/** Whether `DIR/archive` holds at least one original (only complete files count, not `.partial` leftovers). */
function archiveHoldsOriginals(outDir: string): boolean {
  try {
    return readdirSync(join(outDir, 'archive')).some((name) => !name.startsWith('.'));
  } catch {
    return false;
  }
}

/** Before opening: a 0-byte store file beside an archived original is damaged. */
export function blankStoreDamage(file: string, outDir: string): StoreDamage | null {
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === 0 && archiveHoldsOriginals(outDir)) return 'blank-with-archive';
  return null;
}

/** After opening, before the schema is created: no submissions table while the archive holds originals; damaged pages. */
export function openedStoreDamage(db: Database.Database, outDir: string): StoreDamage | null {
  const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'submissions'").get();
  if (!hasSchema && archiveHoldsOriginals(outDir)) return 'blank-with-archive';
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') return 'integrity';
  return null;
}
