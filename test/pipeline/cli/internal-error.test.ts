/**
 * `check --out` when the desk fails on one file for a reason of its own (here its memo cannot be
 * written: a folder stands where the memo file goes): that file is rejected with a Chinese message,
 * the others are checked, the JSON of all of them is printed, and the stack goes to the log file only.
 * An error that stops the whole run reads as one Chinese line; the stack only on request.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInternalError } from '../../../pipeline/support/internal-error.js';
import { type CheckOutput, checkOutputSchema } from '../../../reports/result-schema.js';
import { type CliRun, repoRoot, runCli } from './support/cli.js';

let work: string;
let run: CliRun;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'internal-error-'));
  mkdirSync(join(work, 'out', 'memos', '平等乡人民政府-2023.md', 'blocker'), { recursive: true });
  run = await runCli([
    'check',
    '--json',
    '--out',
    join(work, 'out'),
    join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx'),
    join(repoRoot, 'fixtures', 'samples', 'jinhe-2023.docx'),
  ]);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('check --out with an unexpected error on one file', () => {
  it('prints the JSON of every file, the failed one rejected with a Chinese message, and exits 1', () => {
    expect(run.code).toBe(1);
    const output: CheckOutput = checkOutputSchema.parse(JSON.parse(run.stdout));
    expect(output.results.map((result) => [result.report?.unit ?? null, result.status])).toEqual([
      [null, 'rejected'],
      ['金河乡人民政府', 'checked'],
    ]);
    expect(output.results[0]!.error).toEqual({
      code: 'corrupt-file',
      message: expect.stringMatching(/^处理该文件时发生内部错误/),
    });
    expect(output.results[0]!.sha256).not.toBe(output.results[1]!.sha256);
    expect(output.summary).toMatchObject({ files: 2, checked: 1, rejected: 1 });
  });

  it('tells the user in Chinese on stderr, without a stack', () => {
    expect(run.stderr).toContain('pingdeng-2023.docx 已退回：处理时发生内部错误（详情见 review-desk.log）');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps the technical detail in the log file', () => {
    const records = readFileSync(join(work, 'out', 'review-desk.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event?: string; error?: string });
    const failure = records.find((record) => record.event === 'file-internal-error');
    expect(failure?.error).toMatch(/EISDIR[\s\S]*\n\s+at /);
  });
});

// A damaged file has its own message now (test/pipeline/database.test.ts); a store whose tables another
// program made is still a state nobody planned for.
describe('an error nobody expected (a review-desk.sqlite whose submissions table lacks our columns)', () => {
  let broken: string;

  beforeAll(() => {
    broken = join(work, 'broken');
    mkdirSync(broken);
    const foreign = new Database(join(broken, 'review-desk.sqlite'));
    foreign.exec('CREATE TABLE submissions (id INTEGER PRIMARY KEY, note TEXT)');
    foreign.close();
  });

  const args = (): string[] => ['check', '--out', broken, join(repoRoot, 'fixtures', 'bad', 'empty.docx')];

  it('tells the user in one Chinese line where the details are, and puts the stack in the log file', async () => {
    const plain = await runCli(args());
    expect(plain.code).toBe(2);
    const logFile = join(broken, 'review-desk.log');
    expect(plain.stderr).toBe(`review-desk：内部错误，本次运行未能完成。详情已记入 ${logFile}，请提供给技术人员。\n`);
    const last = JSON.parse(readFileSync(logFile, 'utf8').trim().split('\n').at(-1)!) as Record<string, string>;
    expect(last.event).toBe('internal-error');
    expect(last.error).toMatch(/^SqliteError: [\s\S]*\n\s+at /);
  });

  it('shows the stack on stderr with --verbose or DEBUG', async () => {
    const verbose = await runCli([...args(), '--verbose']);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/^review-desk：内部错误，本次运行未能完成。\nSqliteError: [\s\S]*\n\s+at /);
    const debug = await runCli(args(), { env: { DEBUG: '1' } });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('describeInternalError', () => {
  it('without an output folder advises --verbose and shows no stack', () => {
    const text = describeInternalError(new TypeError('x is undefined'), {
      argv: ['check', 'a.docx'],
      cwd: work,
      env: {},
    });
    expect(text).toBe(
      'review-desk：内部错误，本次运行未能完成。加上 --verbose 重新运行可显示技术详情，请提供给技术人员。\n',
    );
  });
});
