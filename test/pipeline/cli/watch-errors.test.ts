/**
 * A step of `review-desk watch` that fails (here the summary rewrite: summary.xlsx's path is a
 * folder) is told to the officer in one Chinese line saying what is wrong; the system error and its
 * stack go to review-desk.log only. The watch carries on, and its exit code on SIGINT says that the
 * last update of the outputs failed.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, repoRoot } from './support/cli.js';
import { sleep } from './support/wait.js';

let work: string;
let outDir: string;
let watcher: CliProcess;
let exit: { code: number | null; signal: NodeJS.Signals | null } | null;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'watch-errors-'));
  const inbox = join(work, 'inbox');
  outDir = join(work, 'out');
  mkdirSync(inbox);
  mkdirSync(join(outDir, 'summary.xlsx'), { recursive: true });
  copyFileSync(join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx'), join(inbox, 'pingdeng.docx'));
  watcher = new CliProcess(['watch', inbox, '--out', outDir, '--stability-ms', '200', '--jobs', '1'], {
    env: { DEBUG: '' },
  });
  await watcher.waitForLine(/更新汇总和结果文件时出错/, 60_000);
  watcher.child.kill('SIGINT');
  exit = await Promise.race([watcher.exited, sleep(30_000).then(() => null)]);
}, 120_000);

afterAll(() => {
  if (watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('watch when updating the outputs fails', () => {
  it('says in Chinese which file is in the way and what to do, without the system message', () => {
    const lines = watcher.lines.filter((line) => line.includes('更新汇总和结果文件时出错'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toBe(
        '更新汇总和结果文件时出错：summary.xlsx：该位置已有同名文件夹，请将其移走或改名（详情见输出文件夹中的 review-desk.log）',
      );
    }
    expect(watcher.lines.join('\n')).not.toMatch(/EISDIR|Error:|\n\s+at /);
  });

  it('still checks the file it was given', () => {
    expect(watcher.lines.some((line) => /pingdeng\.docx 已审核：错误\d+项/.test(line))).toBe(true);
  });

  it('keeps the system error with its stack in review-desk.log', () => {
    const records = readFileSync(join(outDir, 'review-desk.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event?: string; error?: string });
    const failed = records.filter((record) => record.event === 'step-failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.error).toMatch(/EISDIR/);
    expect(failed[0]?.error).toMatch(/\n\s+at /);
  });

  it('stops on SIGINT with exit code 1, since the last update of the outputs failed too', () => {
    expect(exit).toEqual({ code: 1, signal: null });
    expect(watcher.lines.join('\n')).toContain('已结束监视');
    expect(watcher.lines.join('\n')).not.toContain('内部错误');
  });
});
