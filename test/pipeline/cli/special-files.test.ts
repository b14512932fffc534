/**
 * Paths that are not regular files — a FIFO, a character device — named on the command line: `check`
 * never blocks on them, rejects each with 「不是普通文件」 and checks the other files; found in a folder,
 * they are skipped with a line naming them. Reading a regular file from disk is bounded in time too.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import {
  NotRegularFileError,
  ReadTimeoutError,
  readIntakeFile,
  readTimeoutMs,
  unreadableFile,
} from '../../../pipeline/intake/intake.js';
import type { CheckOutput } from '../../../reports/result-schema.js';
import { repoRoot, runCli } from './support/cli.js';

let work: string;
let fifo: string;
const seed = join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'special-files-'));
  fifo = join(work, '报送.docx');
  execFileSync('mkfifo', [fifo]);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readIntakeFile', () => {
  it('refuses a FIFO without waiting for a writer', async () => {
    const started = Date.now();
    await expect(readIntakeFile(fifo, defaultReadLimits)).rejects.toBeInstanceOf(NotRegularFileError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an endless character device', async () => {
    await expect(readIntakeFile('/dev/zero', defaultReadLimits)).rejects.toBeInstanceOf(NotRegularFileError);
  });

  it('gives up on a read that outlasts the time limit', async () => {
    const big = join(work, 'big.pdf');
    writeFileSync(big, Buffer.alloc(40 * 1024 * 1024, 1));
    const error = await readIntakeFile(big, defaultReadLimits, { timeoutMs: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReadTimeoutError);
    const { result, line } = unreadableFile('big.pdf', error, defaultReadLimits);
    expect(result.error).toEqual({ code: 'corrupt-file', message: expect.stringContaining('读取超过60秒仍未完成') });
    expect(line).toBe('无法读取 big.pdf：读取超过60秒仍未完成');
  });

  it('allows at least 30 seconds for a read, however tight the parse limit', () => {
    expect(readTimeoutMs({ ...defaultReadLimits, timeoutMs: 1 })).toBe(30_000);
    expect(readTimeoutMs({ ...defaultReadLimits, timeoutMs: 90_000 })).toBe(90_000);
  });
});

describe('check on a FIFO and a device', () => {
  it('rejects them as unsupported-format, checks the other file and exits 1, without --out', async () => {
    const run = await runCli(['check', '--json', fifo, '/dev/zero', seed], { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout) as CheckOutput;
    expect(output.results.map((result) => [result.status, result.error?.code ?? null])).toEqual([
      ['rejected', 'unsupported-format'],
      ['rejected', 'unsupported-format'],
      ['checked', null],
    ]);
    expect(output.results[0]!.error!.message).toContain('不是普通文件');
    expect(run.stderr).toContain('报送.docx 已退回：不是普通文件');
    // One line per refused file, not a second one from the per-file progress.
    expect(run.stderr.split('\n').filter((line) => line.includes('报送.docx') && line.includes('已退回'))).toHaveLength(
      1,
    );
  });

  it('does the same with --out, where the desk archives and records the others', async () => {
    const out = join(work, 'out');
    const run = await runCli(['check', '--json', '--out', out, fifo, seed], { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout) as CheckOutput;
    expect(output.results.map((result) => result.error?.code ?? result.status)).toEqual([
      'unsupported-format',
      'checked',
    ]);
  });
});

describe('check on a folder holding a FIFO', () => {
  it('skips the FIFO with a Chinese line naming it and checks the rest', async () => {
    const folder = join(work, 'inbox-with-fifo');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, '管道.docx')]);
    copyFileSync(seed, join(folder, 'pingdeng.docx'));
    const run = await runCli(['check', '--json', folder], { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout) as CheckOutput;
    expect(output.results.map((result) => [result.file, result.status])).toEqual([
      [join(folder, 'pingdeng.docx'), 'checked'],
    ]);
    expect(run.stderr).toContain(`已跳过 ${join(folder, '管道.docx')}：不是普通文件`);
  });
});
