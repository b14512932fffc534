/**
 * The summary of a unit's package through the built CLI: `check --json --out` on the real guantang-2023
 * package (report, overall form, two project forms, basic-data table) gives one 汇总 row for the unit and
 * year, holding all five documents, with the counts summed over them and the package findings.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckOutput, checkOutputSchema } from '../../../reports/result-schema.js';
import { runCli } from './support/cli.js';

const folder = 'fixtures/packages/guantang-2023';
let outDir: string;
let output: CheckOutput;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'summary-units-'));
  const run = await runCli(['check', '--json', '--out', outDir, folder], { timeoutMs: 120_000 });
  output = checkOutputSchema.parse(JSON.parse(run.stdout));
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(join(outDir, 'summary.xlsx')) as unknown as ArrayBuffer);
}, 130_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function sheetRows(name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: sheet.columnCount }, (_, index) => row.getCell(index + 1).value ?? null));
  });
  return rows;
}

const count = (severity: string): number =>
  output.results.reduce((sum, result) => sum + result.findings.filter((f) => f.severity === severity).length, 0) +
  (output.packages ?? []).reduce((sum, pkg) => sum + pkg.findings.filter((f) => f.severity === severity).length, 0);

describe('the summary of a package of several documents, through check --out', () => {
  it('checks all five documents of one unit and year', () => {
    expect(output.results).toHaveLength(5);
    expect(new Set(output.results.map((result) => result.report?.kind))).toEqual(
      new Set(['report', 'overall-form', 'project-form', 'basic-data']),
    );
    expect(output.packages).toHaveLength(1);
  });

  it('gives the unit one 汇总 row that names every document it holds', () => {
    const [header, ...rows] = sheetRows('汇总');
    expect(header?.slice(0, 3)).toEqual(['单位', '年度', '文件']);
    expect(rows).toHaveLength(1);
    const [unit, year, files, status, score, errors, warnings, infos] = rows[0]!;
    expect([unit, year, status]).toEqual(['衡山县贯塘乡人民政府', 2023, '已审核']);
    const lines = String(files).split('\n');
    expect(lines[0]).toBe('自评报告、整体支出自评表、项目自评表×2、基础数据表');
    expect(
      lines
        .slice(1)
        .map((line) => basename(line))
        .sort(),
    ).toEqual(output.results.map((result) => basename(result.file)).sort());
    // The report's 自评得分.
    const report = output.results.find((result) => result.report?.kind === 'report')!;
    expect(score).toBe(report.report?.scoring.conclusionScore ?? report.report?.scoring.tableTotal);
    expect([errors, warnings, infos]).toEqual([count('error'), count('warning'), count('info')]);
    expect(warnings).toBeGreaterThan(0);
  });

  it('keeps one 问题明细 row per finding, each with the file it came from', () => {
    const [header, ...rows] = sheetRows('问题明细');
    expect(header?.slice(0, 4)).toEqual(['单位', '年度', '文件', '规则']);
    const findings = output.results.flatMap((result) => result.findings.map((finding) => ({ result, finding })));
    expect(rows).toHaveLength(findings.length + (output.packages ?? []).flatMap((pkg) => pkg.findings).length);
    expect(findings.length).toBeGreaterThan(0);
    for (const { result, finding } of findings) {
      const row = rows.find((cells) => cells[2] === result.file && String(cells[5]) === finding.message);
      expect(row, `${result.file}: ${finding.message}`).toBeDefined();
    }
  });

  it('shows the same single row in summary.md', () => {
    const markdown = readFileSync(join(outDir, 'summary.md'), 'utf8');
    const lines = markdown.split('\n');
    const overview = lines.slice(lines.indexOf('## 汇总') + 4, lines.indexOf('## 问题明细') - 1);
    expect(overview).toHaveLength(1);
    expect(overview[0]).toMatch(
      /^\| 衡山县贯塘乡人民政府 \| 2023 \| 自评报告、整体支出自评表、项目自评表×2、基础数据表；/,
    );
    expect(markdown).toContain('共5份报送：已审核5份，已退回0份，已被替代0份');
  });
});
