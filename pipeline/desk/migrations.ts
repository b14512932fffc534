/**
 * The store's schema as numbered migrations: `migrations[i]` takes a store from `PRAGMA user_version`
 * i to i + 1, in the same transaction that sets the new version, so a crash leaves a store at one
 * version or the next, never between. A store newer than this list is refused (`StoreTooNewError`).
 *
 * To change the schema, APPEND one entry at the end (never edit or reorder an entry a store may have
 * run): e.g. `{ description: 'OCR page cache', up: (db) => db.exec('CREATE TABLE ocr_pages (...)') }`.
 * Each module keeps reading and writing its own tables; only their creation and changes live here.
 *
 * Stores written before the schema was versioned (user_version 0, up to commit e2d19d8) had columns
 * and tables added on every open "when missing", so such a store may stand anywhere between the
 * first layout and the last: migrations 1–6 therefore check before they change (they are the old
 * open code, in order), and every later migration may assume the exact schema before it.
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;

export interface Migration {
  /** What the step adds or changes, for the reader (and the error when it fails). */
  readonly description: string;
  readonly up: (db: Db) => void;
}

function columnNames(db: Db, table: string): Set<string> {
  return new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name));
}

function addColumnIfMissing(db: Db, table: string, column: string, definition: string): void {
  if (!columnNames(db, table).has(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}

export const migrations: readonly Migration[] = [
  {
    description: 'submissions (one row per distinct content), their sightings and their results',
    up: (db) =>
      db.exec(`
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
  result_json TEXT, -- unused since results moved to their own table (migration 2); kept so that older stores open
  supersedes TEXT,
  superseded_by TEXT,
  memo_base TEXT UNIQUE,
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
`),
  },
  {
    // SQLite rewrites a whole row on every UPDATE, so each stage change copied an inline result (tens
    // of kilobytes) again: results have their own table, and one kept inline is moved there once.
    description: 'results kept inline in submissions.result_json move to the results table',
    up: (db) =>
      db.exec(`
INSERT OR IGNORE INTO results (sha256, json) SELECT sha256, result_json FROM submissions WHERE result_json IS NOT NULL;
UPDATE submissions SET result_json = NULL WHERE result_json IS NOT NULL;
`),
  },
  {
    description: 'submissions.memo_moved_from: while a superseded memo’s files are renamed, the name they leave',
    up: (db) => addColumnIfMissing(db, 'submissions', 'memo_moved_from', 'TEXT'),
  },
  {
    description: 'submissions.doc_key: the document’s key in its unit’s package (SPEC §7); NULL is a report',
    up: (db) => addColumnIfMissing(db, 'submissions', 'doc_key', 'TEXT'),
  },
  {
    description: 'decisions: the reviewer’s append-only log of decisions on findings (issue #15)',
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_key TEXT NOT NULL,
  year INTEGER,
  sha256 TEXT NOT NULL,
  finding_key TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
  reason TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_unit_year ON decisions (unit_key, year, finding_key);
CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
`),
  },
  {
    description: 'mails (the mail ledger, one row per message) and mail_skips (results that needed none)',
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS mails (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_sha256 TEXT NOT NULL,
  unit TEXT,
  recipients TEXT NOT NULL,
  findings_digest TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT,
  message_id TEXT NOT NULL UNIQUE,
  transport TEXT,
  outbox_file TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX IF NOT EXISTS mails_submission ON mails (submission_sha256, findings_digest);
CREATE TABLE IF NOT EXISTS mail_skips (
  submission_sha256 TEXT PRIMARY KEY,
  reason TEXT NOT NULL CHECK (reason IN ('no-contact', 'not-needed')),
  noted_at TEXT NOT NULL
);
`),
  },
  {
    description:
      'result_digests: what the desk’s batch page reads of each result (result-digest.ts); made again when missing',
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS result_digests (
  sha256 TEXT PRIMARY KEY,
  json TEXT NOT NULL
);
`),
  },
  {
    description:
      'mail_package_findings: the package findings a package message carries (by findingKey), told once sent',
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS mail_package_findings (
  mail_id INTEGER NOT NULL REFERENCES mails (id),
  finding_key TEXT NOT NULL,
  PRIMARY KEY (mail_id, finding_key)
);
`),
  },
  {
    description: 'ocr_pages: the OCR page cache, keyed by file sha256, page and engine (issue #14)',
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS ocr_pages (
  sha256 TEXT NOT NULL,
  page INTEGER NOT NULL,
  engine TEXT NOT NULL,
  json TEXT NOT NULL,
  read_at TEXT NOT NULL,
  PRIMARY KEY (sha256, page, engine)
) WITHOUT ROWID;
`),
  },
  {
    description:
      'mail_package_corrections: a package finding told by mail and later corrected, so that its return is told again',
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS mail_package_corrections (
  package_id TEXT NOT NULL,
  finding_key TEXT NOT NULL,
  after_mail_id INTEGER NOT NULL REFERENCES mails (id),
  noted_at TEXT NOT NULL,
  PRIMARY KEY (package_id, finding_key, after_mail_id)
);
`),
  },
];

/** The schema version this code writes: the number of migrations. */
export const schemaVersion = migrations.length;

export function storeVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs the migrations the store has not run yet, each in its own IMMEDIATE transaction together
 * with its new version number (another process opening the same store at once waits, then finds
 * the step done). Returns the version found before, or throws `tooNew` when the store is newer.
 */
export function migrate(db: Db, tooNew: (found: number) => Error): number {
  const found = storeVersion(db);
  if (found > schemaVersion) throw tooNew(found);
  for (let version = found; version < schemaVersion; version++) {
    db.transaction(() => {
      if (storeVersion(db) !== version) return;
      migrations[version]!.up(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return found;
}
