/**
 * Memos rendered in the extraction worker: the desk writes what the worker rendered when it says what
 * the memo of the stored result says, and renders the memo itself when the finish step learns more
 * (a resubmission to compare with, a check that crossed midnight). Either way the files are the ones
 * the memo functions give for the stored result and its check time.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CheckOptions, CheckRunner, type ExtractionRun } from '../../../pipeline/check/check-runner.js';
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { Desk } from '../../../pipeline/desk/desk.js';
import { memoPaths } from '../../../pipeline/desk/memo-files.js';
import type { IntakeFile } from '../../../pipeline/intake/intake.js';
import { createLogger, logFileName } from '../../../pipeline/support/logger.js';
import { renderMemoDocx, renderMemoHtml, renderMemoMarkdown } from '../../../reports/memo.js';
import { documentXml } from '../../fixtures/zip-entries.js';
import { assertBuilt, repoRoot } from '../cli/support/cli.js';

const workerScript = new URL('../../../dist/pipeline/check/extract-worker.js', import.meta.url);

let work: string;
let outDir: string;
let db: Db;
let clock: Date;

/** Moves the clock on by `stepMs` after each extraction: between the worker's rendering and the finish step. */
class ClockRunner extends CheckRunner {
  stepMs = 0;

  override async check(file: IntakeFile, displayPath: string, options?: CheckOptions): Promise<ExtractionRun> {
    const run = await super.check(file, displayPath, options);
    clock = new Date(clock.getTime() + this.stepMs);
    return run;
  }
}

let runner: ClockRunner;

function newDesk(): Desk {
  return new Desk({
    outDir,
    db,
    runner,
    logger: createLogger({ outDir, quiet: true }),
    inbox: null,
    jobs: 2,
    now: () => clock,
  });
}

function copyFixture(source: string, name: string): string {
  const path = join(work, name);
  copyFileSync(join(repoRoot, 'fixtures', source), path);
  return path;
}

/** Where each memo was rendered, from the log's memo-written records. */
function renderedWhere(): Map<string, string> {
  const records = readFileSync(join(outDir, logFileName), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event?: string; sha256?: string; rendered?: string });
  return new Map(
    records.filter((record) => record.event === 'memo-written').map((record) => [record.sha256!, record.rendered!]),
  );
}

/** The written memo next to what the memo functions make of the stored result and its check time. */
async function expectMemoOfStoredResult(desk: Desk, sha256: string, supersedes: boolean): Promise<void> {
  const submission = desk.store.get(sha256)!;
  const result = desk.store.resultOf(submission)!;
  const context = { date: new Date(submission.checkedAt!) };
  expect(submission.supersedes !== null).toBe(supersedes);
  const paths = memoPaths(submission.memoBase!);
  const markdown = readFileSync(join(outDir, paths.md), 'utf8');
  if (supersedes) {
    expect(markdown).toContain('本次报送替代');
    return;
  }
  expect(markdown).toBe(renderMemoMarkdown(result, context));
  expect(readFileSync(join(outDir, paths.html), 'utf8')).toBe(renderMemoHtml(result, context));
  expect(await documentXml(readFileSync(join(outDir, paths.docx)))).toBe(
    await documentXml(await renderMemoDocx(result, context)),
  );
}

beforeEach(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), 'desk-memo-'));
  outDir = join(work, 'out');
  db = openDatabase(outDir);
  clock = new Date('2024-05-06T02:00:00Z');
  runner = new ClockRunner({ jobs: 2, script: workerScript });
});

afterEach(async () => {
  await runner.close();
  db.close();
  rmSync(work, { recursive: true, force: true });
});

describe('memos rendered in the worker', () => {
  it('writes the worker’s memo, the same as the memo functions give for the stored result and its check time', async () => {
    const desk = newDesk();
    const checked = await desk.submit(copyFixture('samples/pingdeng-2023.docx', 'pingdeng.docx'));
    const rejected = await desk.submit(copyFixture('bad/truncated.docx', 'truncated.docx'));
    expect(rejected.result?.status).toBe('rejected');
    for (const outcome of [checked, rejected]) await expectMemoOfStoredResult(desk, outcome.result!.sha256, false);
    const where = renderedWhere();
    expect(where.get(checked.result!.sha256)).toBe('worker');
    expect(where.get(rejected.result!.sha256)).toBe('worker');
  });

  it('renders a resubmission’s memo in the finish step, with what changed since the earlier file', async () => {
    const desk = newDesk();
    const [first, second] = await Promise.all([
      desk.submit(copyFixture('samples/pingdeng-2023.docx', 'pingdeng.docx')),
      desk.submit(copyFixture('discrepancies/funds.balance.docx', 'pingdeng-fixed.docx')),
    ]);
    await expectMemoOfStoredResult(desk, first.result!.sha256, false);
    await expectMemoOfStoredResult(desk, second.result!.sha256, true);
    const where = renderedWhere();
    expect(where.get(first.result!.sha256)).toBe('worker');
    expect(where.get(second.result!.sha256)).toBe('main');
  });

  it('gives the resubmission the plain memo name and moves the superseded memo to its sha-suffixed name', async () => {
    const desk = newDesk();
    const first = await desk.submit(copyFixture('samples/pingdeng-2023.docx', 'pingdeng.docx'));
    const second = await desk.submit(copyFixture('discrepancies/funds.balance.docx', 'pingdeng-fixed.docx'));
    const aside = `平等乡人民政府-2023-${first.result!.sha256.slice(0, 8)}`;
    expect(readdirSync(join(outDir, 'memos')).sort()).toEqual(
      ['平等乡人民政府-2023', aside].flatMap((base) => ['docx', 'html', 'md'].map((ext) => `${base}.${ext}`)).sort(),
    );
    expect(desk.store.get(second.result!.sha256)?.memoBase).toBe('平等乡人民政府-2023');
    expect(desk.store.get(first.result!.sha256)).toMatchObject({ memoBase: aside, memoMovedFrom: null });
    expect(readFileSync(join(outDir, 'memos', '平等乡人民政府-2023.md'), 'utf8')).toContain('本次报送替代');
    await expectMemoOfStoredResult(desk, first.result!.sha256, false);
  });

  it('finishes moving a superseded memo that a crash left half-way, before writing the new memo', async () => {
    const desk = newDesk();
    const first = await desk.submit(copyFixture('samples/pingdeng-2023.docx', 'pingdeng.docx'));
    const second = await desk.submit(copyFixture('discrepancies/funds.balance.docx', 'pingdeng-fixed.docx'));
    const plain = '平等乡人民政府-2023';
    const aside = `${plain}-${first.result!.sha256.slice(0, 8)}`;
    // The state a crash leaves after one of the three files was renamed: the others still under the
    // plain name, the new memo not written yet, the move still recorded as pending.
    for (const ext of ['docx', 'html', 'md']) rmSync(join(outDir, 'memos', `${plain}.${ext}`));
    for (const ext of ['docx', 'html'])
      renameSync(join(outDir, 'memos', `${aside}.${ext}`), join(outDir, 'memos', `${plain}.${ext}`));
    db.prepare('UPDATE submissions SET memo_moved_from = ? WHERE sha256 = ?').run(plain, first.result!.sha256);
    db.prepare(`UPDATE submissions SET stage = 'checked', memo_at = NULL WHERE sha256 = ?`).run(second.result!.sha256);
    const again = newDesk();
    await again.prepare();
    await again.resume();
    expect(again.store.pendingMemoMoves()).toEqual([]);
    await expectMemoOfStoredResult(again, first.result!.sha256, false);
    await expectMemoOfStoredResult(again, second.result!.sha256, true);
    expect(again.store.get(second.result!.sha256)?.stage).toBe('done');
  });

  it('renders the memo again when the check time falls on a later day than the worker’s rendering', async () => {
    // 23:59:59 in China; the finish step runs a second later, on the next day.
    clock = new Date('2024-05-06T15:59:59Z');
    runner.stepMs = 2000;
    const desk = newDesk();
    const outcome = await desk.submit(copyFixture('samples/jinhe-2023.docx', 'jinhe.docx'));
    await expectMemoOfStoredResult(desk, outcome.result!.sha256, false);
    const markdown = readFileSync(
      join(outDir, memoPaths(desk.store.get(outcome.result!.sha256)!.memoBase!).md),
      'utf8',
    );
    expect(markdown).toContain('2024年5月7日');
    expect(renderedWhere().get(outcome.result!.sha256)).toBe('main');
  });
});
