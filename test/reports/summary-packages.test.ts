/** The summary's grades (stated and implied by 总分) and its 问题明细 rows for package findings (SPEC §7–§8). */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ParsedSubmission } from '../../extractors/model/report-schema.js';
import { buildPackages } from '../../pipeline/check/packages.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { renderSummaryMarkdown, renderSummaryXlsx } from '../../reports/summary.js';
import { runRules } from '../../rules/engine.js';
import { basicData, overallForm } from '../rules/support/form-builder.js';
import { submission } from '../rules/support/submission-builder.js';

const sha = (n: number): string => n.toString(16).padStart(64, '0');

function result(file: string, n: number, parsed: ParsedSubmission): CheckResult {
  return {
    file,
    sha256: sha(n),
    format: 'docx',
    status: 'checked',
    error: null,
    report: parsed.report,
    findings: runRules(parsed),
    extraction: parsed.extraction,
  };
}

const report = submission()
  .mutate((s) => {
    s.report.unit = '衡山县贯塘乡人民政府';
  })
  .set('staffing.authorized.total', 46)
  .set('staffing.actual.total', 48)
  .build();
const results = [
  result('in/贯塘乡基础数据表.xlsx', 1, basicData().build()),
  result('in/贯塘乡自评报告.docx', 2, report),
  result('in/贯塘乡整体支出自评表.xlsx', 3, overallForm().set('scoring.tableTotal', 86).build()),
];
const packages = buildPackages(results);
const rows = results.map((r) => ({ result: r }));

describe('the summary of a package', () => {
  it('lists each package finding once in 问题明细, naming every file involved and where each figure stands', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderSummaryXlsx(rows, packages)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('问题明细')!;
    const texts: string[] = [];
    sheet.eachRow((row) => {
      texts.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|'));
    });
    // Two package findings: 在职人数 (50 in the table, 48 in the report) and 总分 (86 on the form, 97 in the report).
    expect(texts.filter((t) => t.includes('同一单位各文件数字一致'))).toHaveLength(2);
    const packageRows = texts.filter((t) => t.includes('在职人数在各文件中不一致'));
    expect(packageRows).toHaveLength(1);
    expect(packageRows[0]).toContain('在职人数在各文件中不一致');
    expect(packageRows[0]).toContain('涉及文件：贯塘乡基础数据表.xlsx、贯塘乡自评报告.docx、贯塘乡整体支出自评表.xlsx');
    expect(packageRows[0]).toContain('贯塘乡基础数据表.xlsx：第1个表格第4行第3列');
    expect(packageRows[0]).toMatch(/贯塘乡自评报告\.docx：全文第\d+段/);
  });

  it('shows the stated 自评等级 beside the grade the 总分 implies', () => {
    const markdown = renderSummaryMarkdown(rows, packages);
    const formLine = markdown
      .split('\n')
      .find((line) => line.includes('贯塘乡整体支出自评表.xlsx') && line.startsWith('| 衡山县'));
    expect(formLine).toMatch(/\| 优 \| 良 \|$/);
    expect(markdown).toContain('在职人数在各文件中不一致');
  });
});
