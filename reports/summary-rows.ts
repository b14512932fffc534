/**
 * The bureau's summary as plain rows of cells, shared by the XLSX and Markdown renderings: one row per
 * unit and year for its current documents (most urgent first; a file without unit or year keeps a row
 * of its own), one row per superseded file, one row per finding and one row per extraction problem.
 */

import type { Report } from '../extractors/model/report-schema.js';
import { unitKey } from '../extractors/text/unit-key.js';
import { gradeFor } from '../rules/support/grade.js';
import { distinctEvidence, evidenceQuote, ruleLabel } from './evidence-text.js';
import { extractionProblems, hasMissingFigures, problemKind, problemPlace } from './extraction-notes.js';
import { printableName } from './file-names.js';
import { describeLocation, scoringTableIndex } from './locations.js';
import { readByOcr, uncertainFigureCount, uncertainMark, uncertainPrefix } from './ocr-notes.js';
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

/**
 * A package as the summary shows it: its findings (SPEC §7) and, once mail has run, where the unit's
 * package message stands (the package findings are mailed on their own, once per unit and year).
 */
export type SummaryPackage = PackageResult & { readonly mailState?: SummaryMailState | null };

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
  '文字识别',
] as const;

export const supersededHeaders = ['单位', '年度', '文件类型', '文件'] as const;

export const detailHeaders = ['单位', '年度', '文件', '规则', '级别', '说明', '依据', '位置', '建议'] as const;

export const extractionHeaders = ['单位', '年度', '文件', '类别', '说明', '位置'] as const;

/**
 * One line of 汇总: the current documents of one unit and year (its package), or one file whose unit or
 * year is unknown (a rejected file, for one).
 */
export interface UnitRow {
  /** The documents, in the order report, overall form, project forms, basic data. */
  documents: SummaryRow[];
  /** The package findings of this unit and year (SPEC §7), if it has a package, with its mail state. */
  package: SummaryPackage | null;
}

export interface OverviewCells {
  unit: string;
  year: number | null;
  /**
   * A single document's file name; for several, what the row holds (自评报告、项目自评表×2、…) and then
   * each file name on a line of its own.
   */
  file: string;
  /** The file names of the documents the row holds. */
  files: string[];
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
  /** 「扫描件，识别存疑2项」 when documents of the row were read by OCR, '' when none was. */
  ocr: string;
}

export type DetailCells = Record<(typeof detailHeaders)[number], string | number | null>;

export type ExtractionCells = Record<(typeof extractionHeaders)[number], string | number | null>;

function statusOf(row: SummaryRow): OverviewCells['status'] {
  if (row.superseded) return '已被替代';
  return row.result.status === 'rejected' ? '已退回' : '已审核';
}

/** What each kind of document is called in 汇总's 文件 column, in the order it lists them. */
export const documentKindLabel: Record<Report['kind'], string> = {
  report: '自评报告',
  'overall-form': '整体支出自评表',
  'project-form': '项目自评表',
  'basic-data': '基础数据表',
};
const kindOrder = Object.keys(documentKindLabel) as Report['kind'][];

/** The unit and year a current, checked result belongs to; null when either is unknown. */
function unitYearKey(result: CheckResult): string | null {
  const unit = result.report?.unit;
  const year = result.report?.year;
  if (result.status !== 'checked' || !unit || year === null || year === undefined) return null;
  return `${unitKey(unit)}\u0000${year}`;
}

/**
 * The rows of 汇总: the current documents grouped by unit and year, each with its package findings;
 * a current file without unit or year on its own. Superseded files are left out (see supersededRows).
 */
export function unitRows(rows: readonly SummaryRow[], packages: readonly SummaryPackage[] = []): UnitRow[] {
  const packageByKey = new Map(packages.map((pkg) => [`${unitKey(pkg.unit)}\u0000${pkg.year}`, pkg]));
  const groups = new Map<string, SummaryRow[]>();
  const out: UnitRow[] = [];
  for (const row of rows) {
    if (row.superseded) continue;
    const key = unitYearKey(row.result);
    if (key === null) {
      out.push({ documents: [row], package: null });
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const [key, documents] of groups) {
    const kindRank = (row: SummaryRow) => kindOrder.indexOf(row.result.report?.kind ?? 'report');
    documents.sort((a, b) => kindRank(a) - kindRank(b));
    out.push({ documents, package: packageByKey.get(key) ?? null });
  }
  return out;
}

/** The document whose 自评得分 and 自评等级 the row shows: the report, else the overall form, else the first. */
function leadDocument(documents: readonly SummaryRow[]): CheckResult {
  const ofKind = (kind: Report['kind']) => documents.find((row) => row.result.report?.kind === kind)?.result;
  return ofKind('report') ?? ofKind('overall-form') ?? documents[0]!.result;
}

/** The mail state most in need of attention among a row's documents and its package message. */
const mailUrgency: SummaryMailState[] = ['failed', 'pending', 'no-contact', 'outbox', 'sent', 'not-needed'];

/** The most urgent of these mail states (the 邮件 cell of 汇总, and of the desk's batch page); null for none. */
export function mostUrgentMailState(states: Iterable<SummaryMailState | null | undefined>): SummaryMailState | null {
  const given = new Set(states);
  return mailUrgency.find((state) => given.has(state)) ?? null;
}

function rowMailState(row: UnitRow): SummaryMailState | null {
  return mostUrgentMailState([...row.documents.map((document) => document.mailState), row.package?.mailState]);
}

function filesCell(documents: readonly SummaryRow[]): string {
  const names = documents.map((row) => printableName(row.result.file));
  if (documents.length === 1) return names[0]!;
  const counts = new Map<Report['kind'], number>();
  for (const row of documents) {
    const kind = row.result.report?.kind ?? 'report';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const held = kindOrder
    .filter((kind) => counts.has(kind))
    .map((kind) => documentKindLabel[kind] + (counts.get(kind)! > 1 ? `×${counts.get(kind)}` : ''));
  return [held.join('、'), ...names].join('\n');
}

export function overviewCells(row: UnitRow): OverviewCells {
  const results = row.documents.map((document) => document.result);
  const lead = leadDocument(row.documents);
  const counts = summarize(results);
  const packageFindings = row.package?.findings ?? [];
  const bySeverity = (severity: string) => packageFindings.filter((finding) => finding.severity === severity).length;
  const firstError =
    lead.status === 'rejected'
      ? `无法读取：${lead.error?.message ?? ''}`
      : (results.map((result) => findingsBySeverity(result.findings).error[0]?.message).find(Boolean) ??
        findingsBySeverity(packageFindings).error[0]?.message ??
        '');
  const overall = results.find((result) => result.report?.kind === 'overall-form');
  const mailState = rowMailState(row);
  return {
    unit: lead.report?.unit ?? '',
    year: lead.report?.year ?? null,
    file: filesCell(row.documents),
    files: results.map((result) => printableName(result.file)),
    status: statusOf(row.documents[0]!),
    score: claimedScore(lead) ?? (overall ? claimedScore(overall) : null),
    errors: counts.errors + bySeverity('error'),
    warnings: counts.warnings + bySeverity('warning'),
    infos: counts.infos + bySeverity('info'),
    problems: results.reduce((sum, result) => sum + extractionProblems(result).length, 0),
    missingFigures: results.some(hasMissingFigures),
    firstError,
    mail: mailState ? mailStateLabel[mailState] : '',
    grade: results.map((result) => result.report?.scoring.grade).find(Boolean) ?? '',
    impliedGrade: impliedGrade(overall ?? lead),
    ocr: ocrCell(results),
  };
}

/** 「扫描件，识别存疑2项」 (「2份扫描件，…」 for several), '' when no document of the row was read by OCR. */
function ocrCell(results: readonly CheckResult[]): string {
  const scanned = results.filter(readByOcr);
  if (scanned.length === 0) return '';
  const uncertain = scanned.reduce((sum, result) => sum + uncertainFigureCount(result), 0);
  return `${scanned.length > 1 ? `${scanned.length}份` : ''}扫描件，${uncertainMark}${uncertain}项`;
}

function impliedGrade(result: CheckResult): string {
  const total = result.report?.scoring.tableTotal ?? result.report?.scoring.conclusionScore ?? null;
  return total === null ? '' : gradeFor(total);
}

/** Rank for sorting: rejected files first, then checked ones. */
function urgency(row: UnitRow): number {
  return row.documents[0]!.result.status === 'rejected' ? 0 : 1;
}

/** Errors first: rejected files, then by error count and warning count (descending), then by unit name. */
export function sortUnitRows(rows: readonly UnitRow[]): UnitRow[] {
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

/** The 汇总 rows in their order, with their cells. */
export function overviewRows(rows: readonly SummaryRow[], packages: readonly SummaryPackage[] = []): OverviewCells[] {
  return sortUnitRows(unitRows(rows, packages)).map(overviewCells);
}

export type SupersededCells = Record<(typeof supersededHeaders)[number], string | number | null>;

/** The superseded files, one row each: history the 汇总 rows leave out, but never lose. */
export function supersededRows(rows: readonly SummaryRow[]): SupersededCells[] {
  const collator = new Intl.Collator('zh-CN');
  return rows
    .filter((row) => row.superseded)
    .map((row) => ({
      单位: row.result.report?.unit ?? '',
      年度: row.result.report?.year ?? null,
      文件类型: documentKindLabel[row.result.report?.kind ?? 'report'],
      文件: printableName(row.result.file),
    }))
    .sort(
      (a, b) =>
        collator.compare(String(a.单位), String(b.单位)) ||
        Number(a.年度 ?? 0) - Number(b.年度 ?? 0) ||
        collator.compare(String(a.文件), String(b.文件)),
    );
}

/** Current documents in 汇总's order: the findings and extraction problems follow it. */
function currentInOrder(rows: readonly SummaryRow[]): SummaryRow[] {
  return sortUnitRows(unitRows(rows)).flatMap((row) => row.documents);
}

/** Findings of current submissions only: a superseded file's findings are history, not work to do. */
export function detailRows(rows: readonly SummaryRow[]): DetailCells[] {
  const out: DetailCells[] = [];
  for (const row of currentInOrder(rows)) {
    const { result } = row;
    const scoringTable = scoringTableIndex(result);
    for (const finding of result.findings) {
      const evidence = distinctEvidence(finding.evidence);
      out.push({
        单位: result.report?.unit ?? '',
        年度: result.report?.year ?? null,
        文件: printableName(result.file),
        规则: ruleLabel(finding),
        级别: severityLabel[finding.severity],
        说明: `${uncertainPrefix(finding)}${finding.message}`,
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
        文件: pkg.files.map(printableName).join('\n'),
        规则: ruleLabel(finding),
        级别: severityLabel[finding.severity],
        说明: `${uncertainPrefix(finding)}${finding.message}（涉及文件：${pkg.files.map(fileName).join('、')}）`,
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
  for (const row of currentInOrder(rows)) {
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
