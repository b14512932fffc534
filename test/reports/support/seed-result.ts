/**
 * Hand-built check results for tests that need a synthetic case (several units, a warning only, a
 * rejection, a resubmission) without reading a document. The findings are copies of what the rules
 * really give (seed-result.test.ts holds them equal to a real run): the seed submission (平等乡 2023)
 * with the four findings SPEC §4 expects on it, in the engine's order, and the welfare.per-capita
 * warning of the discrepancy fixture welfare.per-capita.pdf.
 */
import { readFileSync } from 'node:fs';
import type { RejectionCode } from '../../../extractors/model/rejection.js';
import type { Report } from '../../../extractors/model/report-schema.js';
import { type CheckResult, checkResultSchema } from '../../../reports/result-schema.js';
import type { Finding } from '../../../rules/finding-schema.js';

const seedReport: Report = JSON.parse(
  readFileSync(new URL('../../../fixtures/expected/pingdeng-2023.report.json', import.meta.url), 'utf8'),
);

export const seedSha256 = '3f7a9c0e5b1d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468';

export const numberingFinding: Finding = {
  ruleId: 'structure.numbering',
  severity: 'info',
  message:
    '标题编号不连续（2处）：「（一）坚持理论武装，把牢政治方向」编号回退（上一标题为（三）），应为（四）；「（四）部门整体支出绩效目标」与上一标题编号重复，应为（五）',
  evidence: [
    {
      label: '（一）',
      value: 1,
      text: '（一）坚持理论武装，把牢政治方向',
      location: { page: null, paragraph: 9 },
      halfUnit: 0,
      approximate: false,
    },
    {
      label: '（四）',
      value: 4,
      text: '（四）部门整体支出绩效目标',
      location: { page: null, paragraph: 24 },
      halfUnit: 0,
      approximate: false,
    },
  ],
  title: '标题编号连续',
  messageId: 'breaks',
  data: {
    count: 2,
    list: '「（一）坚持理论武装，把牢政治方向」编号回退（上一标题为（三）），应为（四）；「（四）部门整体支出绩效目标」与上一标题编号重复，应为（五）',
  },
  suggestion: '请按层级顺序重新编号标题',
};

const points = { halfUnit: 0, approximate: false, unit: '分' } as const;

export const dynamicAdjustmentFinding: Finding = {
  ruleId: 'scoring.group-points',
  severity: 'error',
  message: '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
  evidence: [
    { label: '动态调整', value: 15, text: '动态调整（15分）', location: { table: 0, row: 6, column: 1 }, ...points },
    { label: '支出控制', value: 10, text: '10', location: { table: 0, row: 6, column: 3 }, ...points },
    { label: '及时处置', value: 5, text: '5', location: { table: 0, row: 7, column: 3 }, ...points },
    { label: '执行进度', value: 5, text: '5', location: { table: 0, row: 8, column: 3 }, ...points },
  ],
  title: '指标分值与下级合计一致',
  messageId: 'mismatch',
  data: { level: '二级指标', group: '动态调整', declared: '15分', sum: '20分', gap: '5分' },
  suggestion: '标注应为20分，或三级指标分值应减少5分',
};

export const informationDisclosureFinding: Finding = {
  ruleId: 'scoring.group-points',
  severity: 'error',
  message: '二级指标「信息公开」标注5分，其下三级指标分值合计10分',
  evidence: [
    { label: '信息公开', value: 5, text: '信息公开（5分）', location: { table: 0, row: 12, column: 1 }, ...points },
    { label: '自评公开', value: 10, text: '10', location: { table: 0, row: 12, column: 3 }, ...points },
  ],
  title: '指标分值与下级合计一致',
  messageId: 'mismatch',
  data: { level: '二级指标', group: '信息公开', declared: '5分', sum: '10分', gap: '5分' },
  suggestion: '标注应为10分，或三级指标分值应减少5分',
};

const insuranceSentence =
  '2024年医疗保险参保率83.79%，落实“三免两补”400人，享受教育救助金136人，雨露计划34人，救助困难群众、特殊群体13户，实施残疾人物化补贴24人。';

export const yearMismatchFinding: Finding = {
  ruleId: 'text.year-mismatch',
  severity: 'info',
  message: '「2024年医疗保险参保率83.79%」所述为2024年的数据，与报告年度2023年不符',
  evidence: [
    {
      label: '医疗保险参保率',
      value: 2024,
      text: insuranceSentence,
      location: { page: null, paragraph: 23 },
      halfUnit: 0,
      approximate: false,
      unit: '年',
    },
    {
      label: '医疗保险参保率',
      value: 0.8379,
      text: insuranceSentence,
      location: { page: null, paragraph: 23 },
      halfUnit: 0.00005,
      approximate: false,
      unit: '%',
    },
  ],
  title: '数据年度与报告年度一致',
  messageId: 'otherYear',
  data: {
    excerpt: '2024年医疗保险参保率83.79%',
    label: '医疗保险参保率',
    figure: '83.79%',
    year: 2024,
    reportYear: 2023,
  },
  suggestion: '请核实该数据是否为2023年度数据',
};

/** In the order the engine gives them: rule catalogue order, then document order of the evidence. */
export const seedFindings: Finding[] = [
  numberingFinding,
  dynamicAdjustmentFinding,
  informationDisclosureFinding,
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

const dibaoSentence =
  '目前全乡低保212户、608人，发放资金1657.206万元，特困33人，发放资金27.2763万元高龄补贴人员166人，发放金额7.156万元，重度残疾人护理补贴135人11.089万元，困难残疾人生活补贴80人9.21万元。';

/** welfare.per-capita on the discrepancy fixture welfare.per-capita.pdf (低保资金 165.7206万元 written as 1657.206万元). */
export const warningFinding: Finding = {
  ruleId: 'welfare.per-capita',
  severity: 'warning',
  message: '低保发放资金1657.206万元，人数608人，人均27,256.7元/年，高于合理区间600元至15,000元',
  evidence: [
    {
      label: '低保',
      value: 16572060,
      text: dibaoSentence,
      location: { page: 5, paragraph: 21 },
      halfUnit: 5,
      approximate: false,
      unit: '万元',
    },
    {
      label: '低保',
      value: 608,
      text: dibaoSentence,
      location: { page: 5, paragraph: 21 },
      halfUnit: 0,
      approximate: false,
      unit: '人',
    },
  ],
  title: '人均补助金额合理',
  messageId: 'outOfRange',
  data: {
    label: '低保',
    funds: '1657.206万元',
    persons: '608人',
    perCapita: '27,256.7元',
    direction: '高于',
    min: '600元',
    max: '15,000元',
  },
  suggestion: '请核对低保的发放金额（万元/元）和人数',
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
