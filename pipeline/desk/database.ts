/**
 * The project's SQLite file `DIR/review-desk.sqlite`: opened in WAL mode so a crash never leaves it
 * half-written and a second process (status, mail) can read while a watch writes. Each part keeps
 * its own tables; their creation and changes are the numbered migrations in migrations.ts, run on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unitKey } from '../../extractors/text/unit-key.js';
import { UserError } from '../support/user-error.js';
import { migrate, schemaVersion, storeVersion } from './migrations.js';
import { blankStoreDamage, openedStoreDamage } from './store-integrity.js';

export type Db = Database.Database;

export const databaseFileName = 'review-desk.sqlite';

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
 * The store file was written by a newer review-desk (its schema version is beyond this code's
 * migrations): reading or writing it could lose what the newer version recorded, so the run stops
 * (exit 2) and the file is left as it is.
 */
export class StoreTooNewError extends UserError {
  constructor(file: string, found: number) {
    super(
      `输出文件夹中的数据库文件 ${databaseFileName} 是由更新版本的 review-desk 写入的` +
        `（数据库版本 ${found}，本程序只支持到版本 ${schemaVersion}），本程序不能读写它（${file}）。` +
        '请改用更新版本的 review-desk，或改用另一个输出文件夹；不要删除或改动这个文件。',
    );
    this.name = 'StoreTooNewError';
  }
}

export interface OpenOptions {
  /**
   * False for a command that only reads (status): a file that holds no store yet is not given the
   * schema, and `openDatabase` returns null for it instead. @default true
   */
  create?: boolean;
}

/**
 * Opens (creating when needed) `DIR/review-desk.sqlite` with its schema brought to this code's
 * version (migrations.ts), after an integrity check (store-integrity.ts): a damaged store, or a
 * blank one beside archived originals, is a DamagedDatabaseError, never silently started afresh; a
 * store newer than this code is a StoreTooNewError.
 */
export function openDatabase(outDir: string): Db;
export function openDatabase(outDir: string, options: OpenOptions): Db | null;
export function openDatabase(outDir: string, options: OpenOptions = {}): Db | null {
  const create = options.create ?? true;
  if (create) mkdirSync(outDir, { recursive: true });
  const file = join(outDir, databaseFileName);
  if (blankStoreDamage(file, outDir)) throw new DamagedDatabaseError(file);
  const db = new Database(file, { fileMustExist: !create });
  try {
    if (openedStoreDamage(db, outDir)) throw new DamagedDatabaseError(file);
    if (!create && !holdsStore(db)) {
      db.close();
      return null;
    }
    prepareDatabase(db, file);
  } catch (error) {
    db.close();
    throw isDamagedDatabase(error) ? new DamagedDatabaseError(file, { cause: error }) : error;
  }
  return db;
}

/** Whether the file holds a store: a schema version, or (written before versions) the submissions table. */
function holdsStore(db: Db): boolean {
  if (storeVersion(db) > 0) return true;
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'submissions'").get() !== undefined;
}

function prepareDatabase(db: Db, file: string): void {
  // Before anything is written (the journal mode is): a newer store is left exactly as it is.
  const found = storeVersion(db);
  if (found > schemaVersion) throw new StoreTooNewError(file, found);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  migrate(db, (found) => new StoreTooNewError(file, found));
  db.transaction(() => refreshUnitKeys(db)).immediate();
}
