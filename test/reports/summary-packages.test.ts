/** The summary's grades (stated and implied by 总分) and its 问题明细 rows for package findings (SPEC §7–§8). */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ParsedSubmission } from '../../extractors/model/report-schema.js';
import { buildPackages } from '../../pipeline/check/packages.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { overviewRows, renderSummaryMarkdown, renderSummaryXlsx, unitRows } from '../../reports/summary.js';
import { type SummaryPackage, type SummaryRow, supersededRows } from '../../reports/summary-rows.js';
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

  it("shows the stated 自评等级 beside the grade the overall form's 总分 implies, on the unit's one row", () => {
    const markdown = renderSummaryMarkdown(rows, packages);
    const unitLines = markdown
      .split('\n')
      .filter((line) => line.startsWith('| 衡山县贯塘乡人民政府 | 2023 | 自评报告'));
    expect(unitLines).toHaveLength(1);
    expect(unitLines[0]).toContain('贯塘乡整体支出自评表.xlsx');
    expect(unitLines[0]).toMatch(/\| 优 \| 良 \| \|$/);
    expect(markdown).toContain('在职人数在各文件中不一致');
  });
});

describe('summary rows of a package of several documents', () => {
  const project = (file: string, n: number, name: string) =>
    result(
      file,
      n,
      overallForm()
        .mutate((s) => {
          s.report.kind = 'project-form';
          s.report.project = name;
        })
        .build(),
    );
  const earlierForm = result('in/贯塘乡整体支出自评表（初稿）.xlsx', 9, overallForm().build());
  const all: SummaryRow[] = [
    { result: earlierForm, superseded: true, mailState: 'sent' as const },
    ...results.map((r) => ({ result: r, mailState: 'sent' as const })),
    { result: project('in/项目自评表-人居环境.xlsx', 4, '人居环境整治'), mailState: 'failed' as const },
    { result: project('in/项目自评表-一事一议.xlsx', 5, '一事一议'), mailState: 'sent' as const },
  ];
  const current = all.filter((row) => !row.superseded).map((row) => row.result);
  const allPackages = buildPackages(current);

  it('groups the current documents of one unit and year into one row, the superseded one left out', () => {
    const grouped = unitRows(all, allPackages);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.documents.map((row) => row.result.file)).toEqual([
      'in/贯塘乡自评报告.docx',
      'in/贯塘乡整体支出自评表.xlsx',
      'in/项目自评表-人居环境.xlsx',
      'in/项目自评表-一事一议.xlsx',
      'in/贯塘乡基础数据表.xlsx',
    ]);
    expect(grouped[0]!.package).toBe(allPackages[0]);
  });

  it('lists the documents, sums the findings with the package findings and keeps the most urgent mail state', () => {
    const cells = overviewRows(all, allPackages);
    expect(cells).toHaveLength(1);
    const row = cells[0]!;
    expect(row.file.split('\n')).toEqual([
      '自评报告、整体支出自评表、项目自评表×2、基础数据表',
      'in/贯塘乡自评报告.docx',
      'in/贯塘乡整体支出自评表.xlsx',
      'in/项目自评表-人居环境.xlsx',
      'in/项目自评表-一事一议.xlsx',
      'in/贯塘乡基础数据表.xlsx',
    ]);
    const severities = [...current.flatMap((r) => r.findings), ...allPackages.flatMap((p) => p.findings)].map(
      (f) => f.severity,
    );
    const packageErrors = allPackages[0]!.findings.filter((f) => f.severity === 'error');
    expect(packageErrors.length).toBeGreaterThan(0);
    expect(row.errors).toBe(severities.filter((s) => s === 'error').length);
    expect(row.warnings).toBe(severities.filter((s) => s === 'warning').length);
    expect(row.infos).toBe(severities.filter((s) => s === 'info').length);
    // The report's 自评得分 (97), not the form's 总分 (86).
    expect(row.score).toBe(97);
    expect(row.mail).toBe('发送失败');
    expect(row.unit).toBe('衡山县贯塘乡人民政府');
    expect(row.year).toBe(2023);
  });

  it("takes the overall form's 总分 as the claimed score when the package has no report", () => {
    const withoutReport = all.filter((row) => row.result.report?.kind !== 'report');
    const cells = overviewRows(withoutReport, buildPackages(withoutReport.map((row) => row.result)));
    expect(cells).toHaveLength(1);
    expect(cells[0]!.score).toBe(86);
    expect(cells[0]!.file.split('\n')[0]).toBe('整体支出自评表、项目自评表×2、基础数据表');
  });

  it('keeps the superseded file, one row of its own, out of the unit row', () => {
    expect(supersededRows(all)).toEqual([
      {
        单位: '衡山县贯塘乡人民政府',
        年度: 2023,
        文件类型: '整体支出自评表',
        文件: 'in/贯塘乡整体支出自评表（初稿）.xlsx',
      },
    ]);
  });
});

describe("the 邮件 cell of a unit's row", () => {
  // The package has findings (在职人数, 总分); its message is mailed apart from the documents' own.
  const withMail = (
    documentStates: readonly (SummaryRow['mailState'] | undefined)[],
    packageState: SummaryPackage['mailState'],
  ) => {
    const mailed = results.map((r, i) => ({ result: r, mailState: documentStates[i] }));
    return { rows: mailed, packages: packages.map((pkg) => ({ ...pkg, mailState: packageState })) };
  };
  const mailCell = (
    documentStates: readonly (SummaryRow['mailState'] | undefined)[],
    packageState: SummaryPackage['mailState'],
  ) => {
    const { rows: mailed, packages: withState } = withMail(documentStates, packageState);
    const cells = overviewRows(mailed, withState);
    expect(cells).toHaveLength(1);
    return cells[0]!.mail;
  };

  it('tells of the package message when the documents themselves needed none or were not mailed', () => {
    expect(mailCell(['not-needed', 'not-needed', 'not-needed'], 'sent')).toBe('已发送');
    expect(mailCell([null, undefined, null], 'outbox')).toBe('已写入发件箱');
    expect(mailCell(['not-needed', 'sent', 'sent'], 'pending')).toBe('待发送');
  });

  it('shows the most urgent of the documents’ and the package’s states', () => {
    expect(mailCell(['sent', 'sent', 'sent'], 'failed')).toBe('发送失败');
    expect(mailCell(['failed', 'sent', 'sent'], 'sent')).toBe('发送失败');
    expect(mailCell(['sent', 'sent', 'sent'], 'no-contact')).toBe('未配置联系人');
    expect(mailCell(['pending', 'sent', 'sent'], 'no-contact')).toBe('待发送');
  });

  it('shows the documents’ state alone when the package was never mailed, and nothing before any mail run', () => {
    expect(mailCell(['sent', 'not-needed', 'sent'], null)).toBe('已发送');
    expect(mailCell(['sent', 'not-needed', 'sent'], undefined)).toBe('已发送');
    expect(mailCell([null, null, null], null)).toBe('');
  });

  it('is the same cell in the workbook and the Markdown', async () => {
    const { rows: mailed, packages: withState } = withMail(['not-needed', 'not-needed', 'not-needed'], 'failed');
    const markdown = renderSummaryMarkdown(mailed, withState);
    const unitLine = markdown.split('\n').find((line) => line.startsWith('| 衡山县贯塘乡人民政府 | 2023 |'))!;
    expect(unitLine.split(' | ')[10]).toBe('发送失败');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderSummaryXlsx(mailed, withState)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('汇总')!;
    const mailColumn = (sheet.getRow(1).values as unknown[]).indexOf('邮件');
    expect(mailColumn).toBeGreaterThan(0);
    expect(sheet.getRow(2).getCell(mailColumn).value).toBe('发送失败');
  });
});
