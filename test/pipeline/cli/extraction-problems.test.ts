/**
 * Extraction problems reach the reviewer through `check --out` (the table run, without --json, which
 * drops the sidecar from what it prints): a report whose 结转结余 is not found shows 未找到结转结余 in
 * summary.md (counted and listed), in the memo, on the file's stderr line, and the memo's pass says that some
 * data could not be extracted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partialPassVerdict } from '../../../reports/verdict.js';
import { seedVariantDocx } from '../../reports/support/checked-submission.js';
import { type CliRun, runCli } from './support/cli.js';

let work: string;
let outDir: string;
let run: CliRun;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'extraction-problems-'));
  outDir = join(work, 'out');
  const docx = await seedVariantDocx('carryover-unstated', [
    { from: '本年无结转结余。', to: '本年结转结余情况详见部门决算报表。' },
  ]);
  const file = join(work, '平等乡-结转.docx');
  writeFileSync(file, docx);
  run = await runCli(['check', '--out', outDir, file]);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a submission with a figure the extraction did not find, through check --out', () => {
  it('is checked', () => {
    expect(run.stdout).toContain('已审核');
    expect(run.code).toBe(0);
  });

  it('says on its stderr line how many extraction problems the file has, as check without --out does', () => {
    expect(run.stderr).toMatch(/平等乡-结转\.docx 已审核：错误0项，警告0项，提示\d+项，提取提示1项\n/);
  });

  it('counts the problem in the overview of summary.md and lists it in its 提取提示 part', () => {
    const summary = readFileSync(join(outDir, 'summary.md'), 'utf8');
    // Overview columns: 状态 | 自评得分 | 错误 | 警告 | 提示 | 提取提示 | …
    expect(summary).toMatch(/\| 已审核 \| 97 \| 0 \| 0 \| \d+ \| 1 \|/);
    expect(summary).toContain('## 提取提示');
    expect(summary).toMatch(/\| 未找到数据 \| 未找到结转结余 \|/);
  });

  it('lists the missing figure in the memo under 提取提示 and qualifies its verdict', () => {
    const memo = readFileSync(join(outDir, 'memos', '平等乡人民政府-2023.md'), 'utf8');
    expect(memo).toContain('提取提示');
    expect(memo).toContain('未找到结转结余');
    expect(memo).toContain(partialPassVerdict);
  });

  it('keeps the extraction problems in results.json although the table run printed no sidecar', () => {
    const saved = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as {
      results: { extraction: { problems: { path: string }[] } | null }[];
    };
    expect(saved.results[0]?.extraction?.problems.map((problem) => problem.path)).toContain('finance.carryover');
  });
});
