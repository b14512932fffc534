/**
 * A damaged store file (`review-desk.sqlite` holding random bytes, or a database whose pages were
 * overwritten) is named in Chinese with what to do — move it aside, never delete it — and the
 * command exits 2 without touching the file.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DamagedDatabaseError, databaseFileName, openDatabase } from '../../../pipeline/desk/database.js';
import { UserError } from '../../../pipeline/support/user-error.js';
import { type CliRun, repoRoot, runCli, runMain } from '../cli/support/cli.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'database-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function outDirHolding(name: string, bytes: Uint8Array): string {
  const outDir = join(work, name);
  mkdirSync(outDir);
  writeFileSync(join(outDir, databaseFileName), bytes);
  return outDir;
}

describe('opening a damaged store', () => {
  it('throws a usage error that says the file is damaged and to move it aside, not delete it', () => {
    const outDir = outDirHolding('random', randomBytes(8192));
    let thrown: unknown;
    try {
      openDatabase(outDir).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DamagedDatabaseError);
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).exitCode).toBe(2);
    const message = (thrown as Error).message;
    expect(message).toContain('review-desk.sqlite 已损坏或不是数据库文件');
    expect(message).toContain('移到其他文件夹');
    expect(message).toContain('不要删除');
    expect(message).not.toContain('file is not a database');
    expect((thrown as Error).cause).toMatchObject({ code: 'SQLITE_NOTADB' });
  });

  it('names a real database whose schema page was overwritten as damaged too', () => {
    const outDir = join(work, 'overwritten');
    openDatabase(outDir).close();
    const file = join(outDir, databaseFileName);
    const bytes = readFileSync(file);
    // Keep the 100-byte header (SQLite then reads it as a database) and scramble the rest of page 1.
    bytes.set(randomBytes(bytes.length - 100), 100);
    writeFileSync(file, bytes);
    expect(() => openDatabase(outDir).close()).toThrow(DamagedDatabaseError);
  });

  it('names a store with damaged pages behind an intact first page as damaged (PRAGMA quick_check)', () => {
    const outDir = join(work, 'damaged-pages');
    const db = openDatabase(outDir);
    const insert = db.prepare('INSERT INTO results (sha256, json) VALUES (?, ?)');
    for (let i = 0; i < 200; i++) insert.run(`sha-${i}`, JSON.stringify({ text: 'x'.repeat(1000), i }));
    db.close();
    const file = join(outDir, databaseFileName);
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Page 1 (header and schema) stays intact; a page in the middle of the results table does not.
    bytes.set(randomBytes(pageSize), pageSize * 20);
    writeFileSync(file, bytes);
    expect(() => openDatabase(outDir).close()).toThrow(DamagedDatabaseError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('names a 0-byte store as damaged while the archive holds originals, never starting it afresh', () => {
    const outDir = outDirHolding('empty-with-archive', new Uint8Array());
    mkdirSync(join(outDir, 'archive'));
    writeFileSync(join(outDir, 'archive', `${'a'.repeat(64)}.docx`), 'original');
    expect(() => openDatabase(outDir).close()).toThrow(DamagedDatabaseError);
    expect(readFileSync(join(outDir, databaseFileName)).length).toBe(0);
  });

  it('starts a 0-byte store afresh when nothing was ever archived', () => {
    const outDir = outDirHolding('empty-no-archive', new Uint8Array());
    const db = openDatabase(outDir);
    expect(db.prepare('SELECT count(*) AS n FROM submissions').get()).toEqual({ n: 0 });
    db.close();
  });

  it('still opens a healthy store', () => {
    const outDir = join(work, 'healthy');
    openDatabase(outDir).close();
    const db = openDatabase(outDir);
    expect(db.prepare('SELECT count(*) AS n FROM submissions').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('check --out with a damaged store', () => {
  let outDir: string;
  let original: Buffer;
  let run: CliRun;

  beforeAll(async () => {
    original = randomBytes(4096);
    outDir = outDirHolding('cli', original);
    const file = join(work, 'seed.docx');
    copyFileSync(join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx'), file);
    run = await runCli(['check', '--out', outDir, file]);
  }, 60_000);

  it('exits 2 with the Chinese message and no internal-error line', () => {
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('review-desk：输出文件夹中的数据库文件 review-desk.sqlite 已损坏或不是数据库文件');
    expect(run.stderr).not.toContain('内部错误');
    expect(run.stderr).not.toMatch(/SqliteError|at .*\.js:\d+/);
  });

  it('leaves the damaged file exactly as it was', () => {
    expect(readFileSync(join(outDir, databaseFileName)).equals(original)).toBe(true);
  });
});

describe('mail --dry-run with a damaged store', () => {
  it('exits 2 with the same Chinese message and leaves the file as it was', async () => {
    // A real results.json first (mail reads it before the store), then the store file is damaged.
    const outDir = join(work, 'mail-dry-run');
    const checked = await runCli(['check', '--out', outDir, '--exit-zero', 'fixtures/samples/pingdeng-2023.docx']);
    expect(checked.code, checked.stderr).toBe(0);
    const original = randomBytes(4096);
    writeFileSync(join(outDir, databaseFileName), original);
    for (const suffix of ['-wal', '-shm']) rmSync(join(outDir, databaseFileName + suffix), { force: true });
    const contacts = join(work, 'contacts.csv');
    writeFileSync(contacts, 'unit,email,cc\n平等乡人民政府,pingdeng@example.test,\n');
    const run = await runMain(['mail', '--out', outDir, '--contacts', contacts, '--dry-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('输出文件夹中的数据库文件 review-desk.sqlite 已损坏或不是数据库文件');
    expect(run.stderr).not.toContain('内部错误');
    expect(readFileSync(join(outDir, databaseFileName)).equals(original)).toBe(true);
  }, 60_000);
});
