/**
 * The project's SQLite file `DIR/review-desk.sqlite`: opened in WAL mode so a crash never leaves it
 * half-written and a second process (status, mail) can read while a watch writes. Each part keeps
 * its own tables; this module owns only the submission tables and creates them on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unitKey } from '../../extractors/text/unit-key.js';
import { UserError } from '../support/user-error.js';
import { migrateDecisions } from './decisions.js';
import { migrateOcrPages } from './ocr-page-cache.js';
import { blankStoreDamage, openedStoreDamage } from './store-integrity.js';

export type Db = Database.Database;

export const databaseFileName = 'review-desk.sqlite';

const schema = `
CREATE TABLE IF NOT EXISTS submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  size INTEGER NOT NULL,
  format TEXT,
  archive_path TEXT NOT NULL,
  stage TEXT NOT NULL,
  status TEXT,
  unit TEXT,
  unit_key TEXT,
  year INTEGER,
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  infos INTEGER NOT NULL DEFAULT 0,
  result_json TEXT, -- unused since results moved to their own table; kept so that older stores open
  supersedes TEXT,
  superseded_by TEXT,
  memo_base TEXT UNIQUE,
  memo_moved_from TEXT, -- while a superseded memo's files are renamed: the name they leave
  inbox_path TEXT,
  inbox_dest TEXT,
  inbox_moved INTEGER NOT NULL DEFAULT 0,
  mail_wanted INTEGER NOT NULL DEFAULT 0,
  mail_done INTEGER NOT NULL DEFAULT 0,
  received_at TEXT NOT NULL,
  checked_at TEXT,
  memo_at TEXT,
  done_at TEXT
);
CREATE INDEX IF NOT EXISTS submissions_unit_year ON submissions (unit_key, year);
CREATE INDEX IF NOT EXISTS submissions_stage ON submissions (stage);
CREATE TABLE IF NOT EXISTS sightings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sightings_sha256 ON sightings (sha256);
CREATE TABLE IF NOT EXISTS results (
  sha256 TEXT PRIMARY KEY,
  json TEXT NOT NULL
);
-- Derived from results (result-digest.ts): what the desk's batch page reads of each; made again when missing.
CREATE TABLE IF NOT EXISTS result_digests (
  sha256 TEXT PRIMARY KEY,
  json TEXT NOT NULL
);
`;

/**
 * A result used to live in submissions.result_json. SQLite rewrites a whole row on every UPDATE, so
 * each later stage change copied the result (tens of kilobytes) again: results now have their own
 * table, and a store written before that is moved over once, on open.
 */
const moveInlineResults = `
INSERT OR IGNORE INTO results (sha256, json) SELECT sha256, result_json FROM submissions WHERE result_json IS NOT NULL;
UPDATE submissions SET result_json = NULL WHERE result_json IS NOT NULL;
`;

/** Columns added after a store may have been written: added on open, so that older stores open. */
const addedColumns: readonly { name: string; definition: string }[] = [
  { name: 'memo_moved_from', definition: 'TEXT' },
  // The document's key in its unit's package (SPEC §7): kind, and project for a project form; NULL is a report.
  { name: 'doc_key', definition: 'TEXT' },
];

function addMissingColumns(db: Db): void {
  const present = new Set((db.pragma('table_info(submissions)') as { name: string }[]).map((column) => column.name));
  for (const column of addedColumns) {
    if (!present.has(column.name)) db.exec(`ALTER TABLE submissions ADD COLUMN ${column.name} ${column.definition}`);
  }
}

/**
 * Supersession compares unit_key; a store written while the key was computed differently (spaces
 * only) gets today's key, so that a resubmission naming its county still replaces the earlier report.
 */
function refreshUnitKeys(db: Db): void {
  db.function('review_desk_unit_key', { deterministic: true }, (unit: unknown) =>
    typeof unit === 'string' ? unitKey(unit) : null,
  );
  db.exec(
    `UPDATE submissions SET unit_key = review_desk_unit_key(unit)
       WHERE unit IS NOT NULL AND unit_key IS NOT review_desk_unit_key(unit)`,
  );
}

/**
 * The store file is not a SQLite database, or a damaged one: the run cannot go on (exit 2). The
 * officer is told to move it aside, never to delete it — it holds the record of every submission
 * and mail, and a technician may still recover it.
 */
export class DamagedDatabaseError extends UserError {
  constructor(file: string, options?: { cause?: unknown }) {
    super(
      `输出文件夹中的数据库文件 ${databaseFileName} 已损坏或不是数据库文件，无法打开（${file}）。` +
        `请将它（以及同名的 ${databaseFileName}-wal、${databaseFileName}-shm 文件，如有）移到其他文件夹保存，` +
        '不要删除（其中有审核和发信记录，可交技术人员恢复），然后重新运行，程序会新建数据库；' +
        '或改用另一个输出文件夹。',
    );
    if (options?.cause !== undefined) this.cause = options.cause;
    this.name = 'DamagedDatabaseError';
  }
}

/** SQLite's own words for "this file is not (or no longer) a database". */
export function isDamagedDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * Opens (creating when needed) `DIR/review-desk.sqlite` with the submission tables in place, after an
 * integrity check (store-integrity.ts): a damaged store, or a blank one beside archived originals,
 * is a DamagedDatabaseError, never silently started afresh.
 */
export function openDatabase(outDir: string): Db {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, databaseFileName);
  if (blankStoreDamage(file, outDir)) throw new DamagedDatabaseError(file);
  const db = new Database(file);
  try {
    if (openedStoreDamage(db, outDir)) throw new DamagedDatabaseError(file);
    prepareDatabase(db);
  } catch (error) {
    db.close();
    throw isDamagedDatabase(error) ? new DamagedDatabaseError(file, { cause: error }) : error;
  }
  return db;
}

function prepareDatabase(db: Db): void {
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  db.exec(schema);
  db.transaction(() => {
    addMissingColumns(db);
    db.exec(moveInlineResults);
    refreshUnitKeys(db);
    migrateDecisions(db);
    migrateOcrPages(db);
  }).immediate();
}
