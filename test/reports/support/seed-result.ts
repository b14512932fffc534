/**
 * Hand-built check results for the reports and mail tests: the seed submission (平等乡 2023) with the
 * four findings SPEC §4 expects on it, and variants (clean, warnings only, rejected, PDF locations).
 */
import { readFileSync } from 'node:fs';
import type { RejectionCode } from '../../../extractors/rejection.js';
import type { Report } from '../../../extractors/report-schema.js';
import { type CheckResult, checkResultSchema } from '../../../reports/result-schema.js';
import type { Finding } from '../../../rules/finding-schema.js';

const seedReport: Report = JSON.parse(
  readFileSync(new URL('../../../fixtures/expected/pingdeng-2023.report.json', import.meta.url), 'utf8'),
);

export const seedSha256 = '3f7a9c0e5b1d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468';

export const dynamicAdjustmentFinding: Finding = {
  ruleId: 'scoring.group-points',
  severity: 'error',
  title: '指标分值与下级合计一致',
  messageId: 'groupMismatch',
  message: '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
  data: { group: '动态调整', declared: 15, sum: 20 },
  evidence: [
    { label: '动态调整', value: 15, text: '动态调整（15分）', location: { table: 0, row: 6, column: 1 } },
    { label: '支出控制 指标分值', value: 10, text: '10', location: { table: 0, row: 6, column: 3 } },
    { label: '及时处置 指标分值', value: 5, text: '5', location: { table: 0, row: 7, column: 3 } },
    { label: '执行进度 指标分值', value: 5, text: '5', location: { table: 0, row: 8, column: 3 } },
  ],
  suggestion: '标注应为20分，或三级指标分值应减少5分',
};

export const informationDisclosureFinding: Finding = {
  ruleId: 'scoring.group-points',
  severity: 'error',
  title: '指标分值与下级合计一致',
  messageId: 'groupMismatch',
  message: '二级指标「信息公开」标注5分，其下三级指标分值合计10分',
  data: { group: '信息公开', declared: 5, sum: 10 },
  evidence: [
    { label: '信息公开', value: 5, text: '信息公开（5分）', location: { table: 0, row: 12, column: 1 } },
    { label: '自评公开 指标分值', value: 10, text: '10', location: { table: 0, row: 12, column: 3 } },
  ],
  suggestion: '标注应为10分，或三级指标分值应减少5分',
};

export const numberingFinding: Finding = {
  ruleId: 'structure.numbering',
  severity: 'info',
  title: '标题序号连续',
  message:
    '标题序号不连续：「（一）坚持理论武装」接在「（三）2023年重点工作开展情况」之后；「（四）部门整体支出绩效目标」与前一个「（四）」重复',
  evidence: [
    { label: '标题', value: null, text: '（一）坚持理论武装，把牢政治方向', location: { page: null, paragraph: 9 } },
    { label: '标题', value: null, text: '（四）部门整体支出绩效目标', location: { page: null, paragraph: 24 } },
  ],
  suggestion: null,
};

export const yearMismatchFinding: Finding = {
  ruleId: 'text.year-mismatch',
  severity: 'info',
  title: '数据年度与报告年度一致',
  message: '2023年度报告中出现2024年的数据：「2024年医疗保险参保率83.79%」',
  evidence: [
    {
      label: '医疗保险参保率',
      value: 0.8379,
      text: '四是保障政策落实。2024年医疗保险参保率83.79%，落实“三免两补”400人，享受教育救助金136人。',
      location: { page: null, paragraph: 23 },
      halfUnit: 0.00005,
      unit: '%',
    },
  ],
};

export const seedFindings: Finding[] = [
  dynamicAdjustmentFinding,
  informationDisclosureFinding,
  numberingFinding,
  yearMismatchFinding,
];

export function seedResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return checkResultSchema.parse({
    file: 'submissions/平等乡.docx',
    sha256: seedSha256,
    format: 'docx',
    status: 'checked',
    error: null,
    report: structuredClone(seedReport),
    findings: structuredClone(seedFindings),
    extraction: null,
    ...overrides,
  });
}

/** Another unit's report: the seed's figures under a different name and hash. */
export function unitResult(unit: string, sha256Digit: string, findings: Finding[], year = 2023): CheckResult {
  const report = structuredClone(seedReport);
  report.unit = unit;
  report.year = year;
  return seedResult({
    file: `submissions/${unit}.docx`,
    sha256: sha256Digit.repeat(64).slice(0, 64),
    report,
    findings: structuredClone(findings),
  });
}

export const warningFinding: Finding = {
  ruleId: 'welfare.per-capita',
  severity: 'warning',
  title: '人均补助标准合理',
  message: '低保人均年补助27257.06元，超出常见范围600～15000元',
  evidence: [
    {
      label: '低保资金',
      value: 16572060,
      text: '发放低保资金1657.206万元',
      location: { page: 4, paragraph: 21 },
      halfUnit: 5,
      unit: '万元',
    },
  ],
  suggestion: '请核实低保资金或人数是否填写有误',
};

export function rejectedResult(code: RejectionCode, message: string, file = 'submissions/扫描件.pdf'): CheckResult {
  return checkResultSchema.parse({
    file,
    sha256: 'ab'.repeat(32),
    format: code === 'unsupported-format' ? null : 'pdf',
    status: 'rejected',
    error: { code, message },
    report: null,
    findings: [],
    extraction: null,
  });
}
