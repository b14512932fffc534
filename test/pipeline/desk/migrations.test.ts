/**
 * The store's schema versions (PRAGMA user_version, migrations.ts): a store written by the version
 * before versioning (fixtures/store-e2d19d8.sql, made by fixtures/make-store-e2d19d8.sh at e2d19d8)
 * opens and is brought to the same schema a new store gets; a store newer than the code is refused
 * with a Chinese error (exit 2) and left as it was; `status` never gives a file the schema.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileName, openDatabase, StoreTooNewError } from '../../../pipeline/desk/database.js';
import { recordDecision } from '../../../pipeline/desk/decisions.js';
import { migrations, schemaVersion, storeVersion } from '../../../pipeline/desk/migrations.js';
import { StoreRowError, SubmissionStore } from '../../../pipeline/desk/store.js';
import { MailStore } from '../../../pipeline/mail/mail-store.js';
import { UserError } from '../../../pipeline/support/user-error.js';
import { findingKey } from '../../../reports/finding-key.js';
import { runMain } from '../cli/support/cli.js';

const oldStoreSql = readFileSync(new URL('./fixtures/store-e2d19d8.sql', import.meta.url), 'utf8');
const pingdeng = 'c2d7529a6b770efd01b563c17dee0db8cd50a63c373e9f7bfe8dee4f9a5f5062';
const notAReport = '90e582aff5c8cc1a80472117eb4940bf7c350e6912e6ae7dd358ab9a899349fa';

let work: string;
let counter = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'migrations-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh output folder whose store file holds `sql` (run by SQLite itself, as the old code wrote it). */
function outDirWithStore(sql: string): string {
  const outDir = join(work, `out-${++counter}`);
  mkdirSync(outDir);
  const db = new Database(join(outDir, databaseFileName));
  db.exec(sql);
  db.close();
  return outDir;
}

/** Every table, index and trigger with its columns: what a store's schema is, whatever order it was built in. */
function schemaShape(db: Database.Database): Record<string, string[]> {
  const shape: Record<string, string[]> = {};
  const objects = db
    .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { type: string; name: string }[];
  for (const { type, name } of objects) {
    shape[`${type} ${name}`] =
      type === 'table'
        ? (db.pragma(`table_info(${name})`) as { name: string; type: string; notnull: number }[])
            .map((column) => `${column.name} ${column.type}${column.notnull ? ' NOT NULL' : ''}`)
            .sort()
        : [];
  }
  return shape;
}

describe('a store written before the schema was versioned (e2d19d8)', () => {
  it('is at version 0 and holds what the old code recorded', () => {
    const outDir = outDirWithStore(oldStoreSql);
    const db = new Database(join(outDir, databaseFileName), { readonly: true });
    expect(storeVersion(db)).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM submissions').get()).toEqual({ n: 2 });
    db.close();
  });

  it('opens, is migrated to the current version, and reads back every submission, result and mail', () => {
    const outDir = outDirWithStore(oldStoreSql);
    const db = openDatabase(outDir);
    try {
      expect(storeVersion(db)).toBe(schemaVersion);
      const store = new SubmissionStore(db);
      const [first, second] = store.all();
      expect(first).toMatchObject({
        sha256: pingdeng,
        fileName: 'pingdeng-2023.docx',
        stage: 'done',
        status: 'checked',
        unit: '平等乡人民政府',
        year: 2023,
        mailWanted: true,
        mailDone: true,
        memoMovedFrom: null,
      });
      expect(store.resultOf(first!)?.report?.unit).toBe('平等乡人民政府');
      expect(second).toMatchObject({ sha256: notAReport, status: 'rejected', stage: 'done' });
      expect(store.resultOf(second!)?.error?.code).toBeTypeOf('string');
      const mails = MailStore.open(db).all();
      expect(mails.map((mail) => [mail.submissionSha256, mail.state])).toEqual([[pingdeng, 'sent']]);
      // The migrated store takes new records: a decision, whose log stays append-only.
      const result = store.resultOf(first!)!;
      const decision = recordDecision(db, {
        result,
        findingKey: findingKey(result.findings[0]!),
        decision: 'dismissed',
        reason: '迁移后仍可记录',
        reviewer: '审核员',
        at: new Date(),
      });
      expect(decision).toMatchObject({ sha256: pingdeng, decision: 'dismissed' });
      expect(() => db.prepare('DELETE FROM decisions').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('ends with the same tables, columns, indexes and triggers as a store made new', () => {
    const migrated = openDatabase(outDirWithStore(oldStoreSql));
    const fresh = openDatabase(join(work, `fresh-${++counter}`));
    try {
      expect(schemaShape(migrated)).toEqual(schemaShape(fresh));
      expect(Object.keys(schemaShape(fresh))).toContain('table mails');
    } finally {
      migrated.close();
      fresh.close();
    }
  });

  it('opens again without running any migration twice', () => {
    const outDir = outDirWithStore(oldStoreSql);
    openDatabase(outDir).close();
    const file = join(outDir, databaseFileName);
    const db = openDatabase(outDir);
    expect(storeVersion(db)).toBe(schemaVersion);
    expect(new SubmissionStore(db).all()).toHaveLength(2);
    db.close();
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  it('is listed by status, which brings it to the current version', async () => {
    const outDir = outDirWithStore(oldStoreSql);
    const run = await runMain(['status', '--out', outDir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout) as { submissions: { sha256: string; state: string }[] };
    expect(listed.submissions.map((entry) => [entry.sha256, entry.state])).toEqual([
      [pingdeng, 'checked'],
      [notAReport, 'rejected'],
    ]);
  });
});

describe('migrations', () => {
  it('number one per entry, so that the version a store holds names the last step it ran', () => {
    expect(schemaVersion).toBe(migrations.length);
    for (const migration of migrations) expect(migration.description.length).toBeGreaterThan(0);
  });

  it('record their version with each step, so a new store says which schema it has', () => {
    const db = openDatabase(join(work, `new-${++counter}`));
    expect(storeVersion(db)).toBe(schemaVersion);
    db.close();
  });

  it('refuse to read a row of a shape this version does not know, in Chinese', () => {
    const db = openDatabase(join(work, `row-${++counter}`));
    try {
      const store = new SubmissionStore(db);
      store.insertReceived({
        sha256: 'f'.repeat(64),
        fileName: 'a.docx',
        sourcePath: 'a.docx',
        size: 1,
        format: 'docx',
        archivePath: 'archive/a.docx',
        inboxPath: null,
        mailWanted: false,
        receivedAt: new Date(),
      });
      db.prepare(`UPDATE submissions SET stage = 'filed-away'`).run();
      expect(() => store.all()).toThrow(StoreRowError);
      expect(() => store.all()).toThrow(/第 1 条报送记录.*stage/);
    } finally {
      db.close();
    }
  });
});

describe('a store newer than this code', () => {
  function newerStore(): { outDir: string; bytes: Buffer } {
    const outDir = join(work, `newer-${++counter}`);
    const db = openDatabase(outDir);
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return { outDir, bytes: readFileSync(join(outDir, databaseFileName)) };
  }

  it('is refused with a Chinese error (exit 2) and left exactly as it was', () => {
    const { outDir, bytes } = newerStore();
    let thrown: unknown;
    try {
      openDatabase(outDir).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreTooNewError);
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).exitCode).toBe(2);
    expect((thrown as Error).message).toContain('更新版本的 review-desk');
    expect((thrown as Error).message).toContain(`数据库版本 ${schemaVersion + 1}`);
    expect(readFileSync(join(outDir, databaseFileName)).equals(bytes)).toBe(true);
  });

  it('stops status and mail --dry-run with exit 2 and the same message', async () => {
    const { outDir, bytes } = newerStore();
    const status = await runMain(['status', '--out', outDir]);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('是由更新版本的 review-desk 写入的');
    expect(status.stderr).not.toContain('内部错误');
    expect(() => MailStore.openReadOnly(outDir)).toThrow(StoreTooNewError);
    expect(readFileSync(join(outDir, databaseFileName)).equals(bytes)).toBe(true);
  });
});

describe('status on a file that holds no store', () => {
  it('says there is no record and does not give the file a schema', async () => {
    const outDir = join(work, `blank-${++counter}`);
    mkdirSync(outDir);
    const file = join(outDir, databaseFileName);
    writeFileSync(file, new Uint8Array());
    const run = await runMain(['status', '--out', outDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('中没有审核记录');
    expect(readFileSync(file).length).toBe(0);
  });

  it('leaves a folder without a store without one', async () => {
    const outDir = join(work, `none-${++counter}`);
    mkdirSync(outDir);
    const run = await runMain(['status', '--out', outDir]);
    expect(run.code).toBe(2);
    expect(() => readFileSync(join(outDir, databaseFileName))).toThrow();
  });
});
