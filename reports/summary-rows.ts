/**
 * The bureau's summary as plain rows of cells, shared by the XLSX and Markdown renderings: one row per
 * submission (most urgent first), one row per finding and one row per extraction problem.
 */

import { gradeFor } from '../rules/support/grade.js';
import { distinctEvidence, evidenceQuote, ruleLabel } from './evidence-text.js';
import { extractionProblems, hasMissingFigures, problemKind, problemPlace } from './extraction-notes.js';
import { printableName } from './file-names.js';
import { describeLocation, scoringTableIndex } from './locations.js';
import { type CheckResult, type PackageResult, summarize } from './result-schema.js';
import { claimedScore, findingsBySeverity, severityLabel } from './verdict.js';

export type SummaryMailState = 'sent' | 'pending' | 'failed' | 'no-contact' | 'not-needed' | 'outbox';

export interface SummaryRow {
  result: CheckResult;
  /** A later submission of the same unit and year replaced this one. */
  superseded?: boolean;
  /** Where the unit's mail stands; null or absent when mail has not been run. */
  mailState?: SummaryMailState | null;
}

export const mailStateLabel: Record<SummaryMailState, string> = {
  sent: '已发送',
  outbox: '已写入发件箱',
  pending: '待发送',
  failed: '发送失败',
  'no-contact': '未配置联系人',
  'not-needed': '无需发送',
};

export const overviewHeaders = [
  '单位',
  '年度',
  '文件',
  '状态',
  '自评得分',
  '错误',
  '警告',
  '提示',
  '提取提示',
  '首个错误',
  '邮件',
  '自评等级',
  '总分对应等级',
] as const;

export const detailHeaders = ['单位', '年度', '规则', '级别', '说明', '依据', '位置', '建议'] as const;

export const extractionHeaders = ['单位', '年度', '文件', '类别', '说明', '位置'] as const;

export interface OverviewCells {
  unit: string;
  year: number | null;
  file: string;
  status: '已审核' | '已退回' | '已被替代';
  score: number | null;
  errors: number;
  warnings: number;
  infos: number;
  /** Extraction problems: places the reviewer should check against the original. */
  problems: number;
  /** Some figure a rule needs was not found, so the checks are incomplete. */
  missingFigures: boolean;
  firstError: string;
  mail: string;
  /** The stated 自评等级 (SPEC §7), '' when the document states none. */
  grade: string;
  /** The band the 总分 falls in (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60), '' without a 总分. */
  impliedGrade: string;
}

export type DetailCells = Record<(typeof detailHeaders)[number], string | number | null>;

export type ExtractionCells = Record<(typeof extractionHeaders)[number], string | number | null>;

function statusOf(row: SummaryRow): OverviewCells['status'] {
  if (row.superseded) return '已被替代';
  return row.result.status === 'rejected' ? '已退回' : '已审核';
}

export function overviewCells(row: SummaryRow): OverviewCells {
  const { result } = row;
  const counts = summarize([result]);
  const firstError =
    result.status === 'rejected'
      ? `无法读取：${result.error?.message ?? ''}`
      : (findingsBySeverity(result.findings).error[0]?.message ?? '');
  return {
    unit: result.report?.unit ?? '',
    year: result.report?.year ?? null,
    file: printableName(result.file),
    status: statusOf(row),
    score: claimedScore(result),
    errors: counts.errors,
    warnings: counts.warnings,
    infos: counts.infos,
    problems: extractionProblems(result).length,
    missingFigures: hasMissingFigures(result),
    firstError,
    mail: row.mailState ? mailStateLabel[row.mailState] : '',
    grade: result.report?.scoring.grade ?? '',
    impliedGrade: impliedGrade(result),
  };
}

function impliedGrade(result: CheckResult): string {
  const total = result.report?.scoring.tableTotal ?? result.report?.scoring.conclusionScore ?? null;
  return total === null ? '' : gradeFor(total);
}

/** Rank for sorting: current rejected files first, then current checked ones, superseded ones last. */
function urgency(row: SummaryRow): number {
  if (row.superseded) return 2;
  return row.result.status === 'rejected' ? 0 : 1;
}

/** Errors first: rejected files, then by error count and warning count (descending), then by unit name. */
export function sortSummaryRows(rows: readonly SummaryRow[]): SummaryRow[] {
  const collator = new Intl.Collator('zh-CN');
  return rows
    .map((row) => ({ row, cells: overviewCells(row) }))
    .sort(
      (a, b) =>
        urgency(a.row) - urgency(b.row) ||
        b.cells.errors - a.cells.errors ||
        b.cells.warnings - a.cells.warnings ||
        collator.compare(a.cells.unit, b.cells.unit) ||
        (a.cells.year ?? 0) - (b.cells.year ?? 0) ||
        collator.compare(a.cells.file, b.cells.file),
    )
    .map(({ row }) => row);
}

/** Findings of current submissions only: a superseded file's findings are history, not work to do. */
export function detailRows(rows: readonly SummaryRow[]): DetailCells[] {
  const out: DetailCells[] = [];
  for (const row of sortSummaryRows(rows)) {
    if (row.superseded) continue;
    const { result } = row;
    const scoringTable = scoringTableIndex(result);
    for (const finding of result.findings) {
      const evidence = distinctEvidence(finding.evidence);
      out.push({
        单位: result.report?.unit ?? '',
        年度: result.report?.year ?? null,
        规则: ruleLabel(finding),
        级别: severityLabel[finding.severity],
        说明: finding.message,
        依据: evidence.map(evidenceQuote).join('\n'),
        位置: evidence.map((item) => describeLocation(item.location, scoringTable)).join('；'),
        建议: finding.suggestion ?? '',
      });
    }
  }
  return out;
}

/**
 * The package findings (SPEC §7) as 问题明细 rows: once per finding, with every file involved named
 * in its evidence and places (「文件：位置」).
 */
export function packageDetailRows(packages: readonly PackageResult[]): DetailCells[] {
  return packages.flatMap((pkg) =>
    pkg.findings.map((finding) => {
      const evidence = distinctEvidence(finding.evidence);
      const named = (item: (typeof evidence)[number], text: string) =>
        item.file === undefined ? text : `${fileName(item.file)}：${text}`;
      return {
        单位: pkg.unit,
        年度: pkg.year,
        规则: ruleLabel(finding),
        级别: severityLabel[finding.severity],
        说明: `${finding.message}（涉及文件：${pkg.files.map(fileName).join('、')}）`,
        依据: evidence.map((item) => named(item, evidenceQuote(item))).join('\n'),
        // Each file has its own tables; which one is its scoring table is not known here, so none is called 打分表.
        位置: evidence.map((item) => named(item, describeLocation(item.location, -1))).join('；'),
        建议: finding.suggestion ?? '',
      };
    }),
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Extraction problems of current submissions, in the same order as the findings. */
export function extractionRows(rows: readonly SummaryRow[]): ExtractionCells[] {
  const out: ExtractionCells[] = [];
  for (const row of sortSummaryRows(rows)) {
    if (row.superseded) continue;
    const { result } = row;
    const scoringTable = scoringTableIndex(result);
    for (const problem of extractionProblems(result)) {
      out.push({
        单位: result.report?.unit ?? '',
        年度: result.report?.year ?? null,
        文件: printableName(result.file),
        类别: problemKind(problem),
        说明: problem.message.trim(),
        位置: problemPlace(problem, scoringTable) ?? '',
      });
    }
  }
  return out;
}

export function summaryCounts(rows: readonly SummaryRow[]): string {
  // Superseded submissions are history: only the current ones are counted by status and severity.
  const current = rows.filter((row) => !row.superseded).map((row) => row.result);
  const counts = summarize(current);
  const superseded = rows.length - current.length;
  const problems = current.reduce((sum, result) => sum + extractionProblems(result).length, 0);
  return (
    `共${rows.length}份报送：已审核${counts.checked}份，已退回${counts.rejected}份，已被替代${superseded}份；` +
    `现行报送中错误${counts.errors}项，警告${counts.warnings}项，提示${counts.infos}项。` +
    (problems === 0 ? '' : `另有提取提示${problems}项，请对照原件核对。`)
  );
}
