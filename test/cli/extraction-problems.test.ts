/**
 * `check` tells the reviewer when the extraction had trouble with a file (extraction.problems): on
 * its stderr line, in the table's 提取提示 column and in the totals line.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, repoRoot, runCli } from './support/cli.js';

const withProblems = join('fixtures', 'discrepancies', 'structure.required-sections.docx');
const clean = join('fixtures', 'samples', 'jinhe-2023.docx');
let run: CliRun;
let problems: number;

beforeAll(async () => {
  const json = await runCli(['check', '--json', withProblems], { cwd: repoRoot });
  problems = (JSON.parse(json.stdout) as { results: { extraction: { problems: unknown[] } }[] }).results[0]!.extraction
    .problems.length;
  run = await runCli(['check', withProblems, clean], { cwd: repoRoot });
}, 60_000);

describe('check with a file whose extraction had problems', () => {
  it('is a file that really has extraction problems', () => {
    expect(problems).toBeGreaterThan(0);
  });

  it('counts them on that file’s stderr line only', () => {
    expect(run.stderr).toMatch(new RegExp(`structure\\.required-sections\\.docx 已审核：.*，提取提示${problems}项\\n`));
    expect(run.stderr).toMatch(/jinhe-2023\.docx 已审核：错误0项，警告0项，提示\d项\n/);
  });

  it('shows them in the table and the totals line', () => {
    const lines = run.stdout.split('\n');
    const header = lines[0]!.split(/\s{2,}/);
    const column = header.indexOf('提取提示');
    expect(column).toBeGreaterThan(0);
    const cellsOf = (name: string): string[] => lines.find((line) => line.includes(name))!.split(/\s{2,}/);
    expect(cellsOf('structure.requir')[column]).toBe(String(problems));
    expect(cellsOf('jinhe-2023')[column]).toBe('0');
    expect(run.stdout).toContain(`1个文件有提取提示共${problems}项，请人工核对。`);
  });
});
