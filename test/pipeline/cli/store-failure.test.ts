/**
 * The store failing under a run stops the run (exit 2, one Chinese line) instead of rejecting the
 * file in hand and overwriting results.json; `watch` on a store with damaged pages does not start.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileName, openDatabase } from '../../../pipeline/desk/database.js';
import { repoRoot, runCli } from './support/cli.js';

let work: string;
const sample = (name: string): string => join(repoRoot, 'fixtures', 'samples', name);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'store-failure-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('check --out when the store fails during the run', () => {
  it('exits 2 with one Chinese line, rejects nothing and leaves results.json as it was', async () => {
    const outDir = join(work, 'out');
    const first = await runCli(['check', '--out', outDir, '--exit-zero', sample('pingdeng-2023.docx')]);
    expect(first.code, first.stderr).toBe(0);
    const results = readFileSync(join(outDir, 'results.json'));
    // From now on every new submission row fails inside SQLite, as a failing disk or a damaged page would.
    const db = new Database(join(outDir, databaseFileName));
    db.exec(
      "CREATE TRIGGER fail_insert BEFORE INSERT ON submissions BEGIN SELECT RAISE(FAIL, 'simulated store failure'); END",
    );
    db.close();
    const input = join(work, 'jinhe.docx');
    copyFileSync(sample('jinhe-2023.docx'), input);
    const run = await runCli(['check', '--out', outDir, input]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^review-desk：读写输出文件夹中的数据库文件 review-desk\.sqlite 时出错（SQLITE_CONSTRAINT_TRIGGER）/m,
    );
    expect(run.stderr).not.toMatch(/已退回|内部错误|SqliteError/);
    expect(readFileSync(join(outDir, 'results.json')).equals(results)).toBe(true);
  }, 90_000);
});

describe('watch on a store with damaged pages', () => {
  it('does not start: exit 2 with the damaged-store message', async () => {
    const outDir = join(work, 'watch-out');
    const db = openDatabase(outDir);
    const insert = db.prepare('INSERT INTO results (sha256, json) VALUES (?, ?)');
    for (let i = 0; i < 200; i++) insert.run(`sha-${i}`, JSON.stringify({ text: 'x'.repeat(1000), i }));
    db.close();
    const file = join(outDir, databaseFileName);
    const bytes = readFileSync(file);
    bytes.set(randomBytes(4096), 4096 * 20);
    writeFileSync(file, bytes);
    const inbox = mkdtempSync(join(work, 'inbox-'));
    const run = await runCli(['watch', inbox, '--out', outDir], { timeoutMs: 30_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('review-desk：输出文件夹中的数据库文件 review-desk.sqlite 已损坏或不是数据库文件');
  }, 60_000);
});
