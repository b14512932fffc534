/**
 * The desk in process, with the compiled extraction worker and a real SQLite file: the crash states
 * a killed run can leave (row received but not archived, result stored but no memo, resumed files
 * still queued at shutdown) are built directly and must each be finished exactly once.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckRunner, type ExtractionRun } from '../../../pipeline/check/check-runner.js';
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { Desk } from '../../../pipeline/desk/desk.js';
import type { IntakeFile } from '../../../pipeline/intake/intake.js';
import { createLogger, logFileName } from '../../../pipeline/support/logger.js';
import { assertBuilt, repoRoot } from '../cli/support/cli.js';

const workerScript = new URL('../../../dist/pipeline/check/extract-worker.js', import.meta.url);

/** Counts the files really sent to a worker. */
class CountingRunner extends CheckRunner {
  calls = 0;
  /** Told of each file as it is sent. */
  onCheck: (() => void) | null = null;
  /** May hold a file's result back: its extraction then lasts until the promise given back settles. */
  hold: ((call: number, run: Promise<ExtractionRun>) => Promise<ExtractionRun>) | null = null;

  override check(file: IntakeFile, displayPath: string): Promise<ExtractionRun> {
    this.calls++;
    this.onCheck?.();
    const run = super.check(file, displayPath);
    return this.hold ? this.hold(this.calls, run) : run;
  }
}

let work: string;
let outDir: string;
let db: Db;
let runner: CountingRunner;

function newDesk(jobs = 2, maxBytesInFlight?: number): Desk {
  return new Desk({
    outDir,
    db,
    runner,
    logger: createLogger({ outDir, quiet: true }),
    inbox: null,
    jobs,
    maxBytesInFlight,
  });
}

function copyFixture(source: string, name: string): string {
  const path = join(work, name);
  copyFileSync(join(repoRoot, 'fixtures', source), path);
  return path;
}

beforeEach(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), 'desk-'));
  outDir = join(work, 'out');
  db = openDatabase(outDir);
  runner = new CountingRunner({ jobs: 2, script: workerScript });
});

afterEach(async () => {
  await runner.close();
  db.close();
  rmSync(work, { recursive: true, force: true });
});

describe('Desk', () => {
  it('finishes a submission a crash left received but not archived, reading its source again', async () => {
    const source = copyFixture('samples/xinlin-2024.docx', 'xinlin.docx');
    const desk = newDesk();
    const first = await desk.submit(source);
    const sha256 = first.result!.sha256;
    // The state right after the row was written, before the archive copy.
    db.prepare(`UPDATE submissions SET stage = 'received', status = NULL, memo_at = NULL WHERE sha256 = ?`).run(sha256);
    db.prepare('DELETE FROM results WHERE sha256 = ?').run(sha256);
    rmSync(join(outDir, 'archive'), { recursive: true });
    rmSync(join(outDir, 'memos'), { recursive: true });
    await newDesk().resume();
    const submission = desk.store.get(sha256)!;
    expect(submission.stage).toBe('done');
    expect(existsSync(join(outDir, submission.archivePath))).toBe(true);
    expect(readdirSync(join(outDir, 'memos'))).toHaveLength(3);
    expect(runner.calls).toBe(2);
  });

  it('finishes a submission a crash left checked by writing its memo, without extracting it again', async () => {
    const desk = newDesk();
    const first = await desk.submit(copyFixture('samples/jinhe-2023.docx', 'jinhe.docx'));
    const sha256 = first.result!.sha256;
    db.prepare(`UPDATE submissions SET stage = 'checked', memo_at = NULL WHERE sha256 = ?`).run(sha256);
    rmSync(join(outDir, 'memos'), { recursive: true });
    const callsBefore = runner.calls;
    await newDesk().resume();
    expect(runner.calls).toBe(callsBefore);
    expect(desk.store.get(sha256)?.stage).toBe('done');
    expect(readdirSync(join(outDir, 'memos')).sort()).toEqual(
      ['金河乡人民政府-2023.docx', '金河乡人民政府-2023.html', '金河乡人民政府-2023.md'].sort(),
    );
  });

  it('gives a file handed in twice at once one check and the same result under each name', async () => {
    const a = copyFixture('samples/yanghe-2023.docx', 'a.docx');
    const b = copyFixture('samples/yanghe-2023.docx', 'b.docx');
    const desk = newDesk();
    const [first, second] = await Promise.all([desk.submit(a), desk.submit(b)]);
    expect(first.kind).toBe('new');
    expect(second.kind).toBe('duplicate');
    expect(second.result).toEqual({ ...first.result, file: b });
    expect(runner.calls).toBe(1);
    expect(desk.store.duplicateCounts().get(first.result!.sha256)).toBe(1);
  });

  it('finishes a batch, in the order handed in, when the byte budget holds less than one file', async () => {
    const names = ['baiyang-2023.docx', 'jinhe-2023.docx', 'yanghe-2023.pdf', 'nongye-2023.docx', 'xinlin-2024.docx'];
    const desk = newDesk(2, 1);
    const outcomes = await Promise.all(names.map((name) => desk.submit(copyFixture(`samples/${name}`, name))));
    expect(outcomes.map((outcome) => outcome.result?.status)).toEqual(names.map(() => 'checked'));
    expect(desk.store.all().map((submission) => submission.fileName)).toEqual(names);
    expect(desk.store.unfinished()).toEqual([]);
    expect(runner.calls).toBe(names.length);
  });

  it('puts resumed submissions still queued at shutdown off to the next start', async () => {
    const desk = newDesk(1);
    const sources = ['baiyang-2023.docx', 'jinhe-2023.docx', 'nongye-2023.docx', 'yanghe-2023.docx'];
    const results = [];
    for (const name of sources) results.push((await desk.submit(copyFixture(`samples/${name}`, name))).result!);
    for (const result of results) {
      db.prepare(`UPDATE submissions SET stage = 'archived', status = NULL WHERE sha256 = ?`).run(result.sha256);
      db.prepare('DELETE FROM results WHERE sha256 = ?').run(result.sha256);
    }
    const interrupted = newDesk(1);
    const resuming = interrupted.resume();
    await interrupted.stop();
    await resuming;
    const left = interrupted.store.unfinished().length;
    expect(left).toBeGreaterThan(0);
    await newDesk().resume();
    expect(interrupted.store.unfinished()).toEqual([]);
    expect(readdirSync(join(outDir, 'memos'))).toHaveLength(sources.length * 3);
  });

  it('lets extraction run ahead of finishing by twice the files in flight and no more, resuming a batch at once', async () => {
    const names = [
      'baiyang-2023.docx',
      'jinhe-2023.docx',
      'nongye-2023.docx',
      'pingdeng-2023.docx',
      'xinlin-2024.docx',
      'yanghe-2023.docx',
      'jinhe-2023.pdf',
      'nongye-2023.pdf',
    ];
    const desk = newDesk(1);
    const shas: string[] = [];
    for (const name of names) shas.push((await desk.submit(copyFixture(`samples/${name}`, name))).result!.sha256);
    // A crash after archiving every file: a resume registers all eight for finishing at once.
    for (const sha256 of shas) {
      db.prepare(`UPDATE submissions SET stage = 'archived', status = NULL, memo_at = NULL WHERE sha256 = ?`).run(
        sha256,
      );
      db.prepare('DELETE FROM results WHERE sha256 = ?').run(sha256);
    }
    // The backlog as each file is sent to the worker: files sent in this resume, less those finished.
    const finished = db.prepare(`SELECT count(*) AS n FROM submissions WHERE stage IN ('memo-written', 'done')`);
    const sentBefore = runner.calls;
    const backlogs: number[] = [];
    runner.onCheck = () => backlogs.push(runner.calls - sentBefore - (finished.get() as { n: number }).n);
    // The first file's extraction is held: it cannot be finished, so every other file extracted meanwhile
    // stays in the backlog. It is let go half a second after the fourth file's extraction ended, time
    // enough for a fifth to be read from the archive and sent, were the backlog not full.
    let release = (): void => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    runner.hold = (call, run) => {
      if (call === sentBefore + 1) return released.then(() => run);
      if (call === sentBefore + 4) void run.then(() => setTimeout(release, 500));
      return run;
    };
    await newDesk(1).resume();
    expect(backlogs).toHaveLength(names.length);
    // jobs 1: two files in flight, a backlog of four.
    expect(Math.max(...backlogs)).toBe(4);
    expect(desk.store.unfinished()).toEqual([]);
    expect(desk.store.all().map((submission) => submission.fileName)).toEqual(names);
    expect(readdirSync(join(outDir, 'memos'))).toHaveLength(names.length * 3);
  });

  it('tells the user in Chinese why a memo cannot be written, keeping the system error for the log file', async () => {
    // A plain file where the memos folder should be: writing a memo fails with ENOTDIR.
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'memos'), '');
    const lines: string[] = [];
    const stderr = { isTTY: false, write: (line: string) => lines.push(line) } as unknown as NodeJS.WriteStream;
    const desk = new Desk({ outDir, db, runner, logger: createLogger({ outDir, stderr }), inbox: null, jobs: 2 });
    await expect(desk.submit(copyFixture('samples/jinhe-2023.docx', 'jinhe.docx'))).rejects.toThrow();
    const failed = lines.find((line) => line.includes('出错'));
    // The three memo files are written at once: whichever fails first is named.
    expect(failed).toBe(
      `处理 ${join(work, 'jinhe.docx')} 时出错，下次启动时将继续处理：` +
        `${failed?.match(/金河乡人民政府-2023\.(md|html|docx)：/)?.[0] ?? '(a memo file name)：'}` +
        '路径中应为文件夹的位置是一个文件，请将其移走或改名（详情见输出文件夹中的 review-desk.log）\n',
    );
    expect(lines.join('')).not.toMatch(/ENOTDIR|Error/);
    expect(readFileSync(join(outDir, logFileName), 'utf8')).toContain('ENOTDIR');
  });
});
