/**
 * Hand-built form submissions (SPEC §6–§7) for the rule tests, modelled on the real
 * 衡山县贯塘乡 部门整体支出绩效自评表: a funds block of 2030.12万元 (一般公共预算 1325.68 + 政府性基金
 * 118.82 + 其他资金 585.62; 基本支出 1025.20 + 项目支出 1004.92), 执行率 100%, 10 of 10 points; five
 * 绩效指标 rows with targets and actuals; 总分 100, 自评等级 优. Every figure has cell evidence in
 * table 0, so the engine accepts the locations. Each test changes a few figures with the builder.
 */
import type { CellLocation } from '../../../extractors/model/document-model.js';
import {
  emptyReport as blankReport,
  type Evidence,
  type ParsedSubmission,
  type Report,
} from '../../../extractors/model/report-schema.js';
import { SubmissionBuilder } from './submission-builder.js';

const cell = (row: number, column: number): CellLocation => ({ table: 0, row, column });
const wan = { halfUnit: 50, unit: '万元' };
const points = { halfUnit: 0, unit: '分' };

function emptyReport(kind: Report['kind']): Report {
  return { ...blankReport(kind), unit: '衡山县贯塘乡人民政府', year: 2023 };
}

function emptySubmission(kind: Report['kind']): ParsedSubmission {
  return {
    report: emptyReport(kind),
    extraction: {
      ocr: false,
      evidence: {},
      repeatedFigures: [],
      sentences: [],
      headings: [],
      sections: {
        title: cell(0, 0),
        basicInfo: null,
        finance: null,
        performance: null,
        conclusion: null,
        scoringTable: cell(9, 0),
      },
      problems: [],
    },
  };
}

function put(
  submission: ParsedSubmission,
  path: string,
  value: number | null,
  location: CellLocation,
  label: string,
  patch: Partial<Evidence> = {},
): void {
  submission.extraction.evidence[path] = {
    label,
    value,
    text: patch.text ?? (value === null ? '' : String(value)),
    location,
    halfUnit: 0,
    approximate: false,
    ...patch,
  };
}

const wanText = (yuan: number) => (yuan / 10_000).toFixed(2);

/** The items of the form: [一级, 二级, 三级], 分值, 得分, 年度指标值, 实际完成值. */
const formItems: [string[], number, number, string, string][] = [
  [['产出指标', '数量指标', '保障在职人员'], 20, 20, '≥50人', '50人'],
  [['产出指标', '质量指标', '资金支付准确率'], 15, 15, '100%', '100%'],
  [['产出指标', '时效指标', '资金支付及时性'], 15, 15, '按时完成', '按时完成'],
  [['效益指标', '社会效益指标', '保障机构正常运转'], 30, 30, '有效保障', '有效保障'],
  [['满意度指标', '服务对象满意度指标', '群众满意度'], 10, 10, '≥90%', '95%'],
];

/** A clean 部门整体支出绩效自评表: every figure consistent, every §8 rule silent. */
export function overallFormSubmission(): ParsedSubmission {
  const s = emptySubmission('overall-form');
  const r = s.report;
  r.budget = {
    initial: 8_611_000,
    adjusted: 20_301_200,
    executed: 20_301_200,
    rate: 1,
    max: 10,
    score: 10,
    lines: [
      { name: '一般公共预算', group: 'income', initial: null, adjusted: 13_256_800, executed: 13_256_800 },
      { name: '政府性基金拨款', group: 'income', initial: null, adjusted: 1_188_200, executed: 1_188_200 },
      { name: '其他资金', group: 'income', initial: null, adjusted: 5_856_200, executed: 5_856_200 },
      { name: '基本支出', group: 'expenditure', initial: null, adjusted: null, executed: 10_252_000 },
      { name: '项目支出', group: 'expenditure', initial: null, adjusted: null, executed: 10_049_200 },
    ],
  };
  const b = r.budget;
  put(s, 'budget.initial', b.initial, cell(2, 1), '年度资金总额 年初预算数', { ...wan, text: wanText(b.initial!) });
  put(s, 'budget.adjusted', b.adjusted, cell(2, 2), '年度资金总额 全年预算数', { ...wan, text: wanText(b.adjusted!) });
  put(s, 'budget.executed', b.executed, cell(2, 3), '年度资金总额 全年执行数', { ...wan, text: wanText(b.executed!) });
  put(s, 'budget.max', b.max, cell(2, 4), '分值', { ...points, text: '10' });
  put(s, 'budget.rate', b.rate, cell(2, 5), '执行率', { halfUnit: 0.005, unit: '%', text: '100%' });
  put(s, 'budget.score', b.score, cell(2, 6), '得分', { ...points, text: '10' });
  b.lines.forEach((line, i) => {
    for (const [key, column] of [
      ['adjusted', 2],
      ['executed', 3],
    ] as const) {
      const value = line[key];
      if (value !== null)
        put(
          s,
          `budget.lines.${i}.${key}`,
          value,
          cell(3 + i, column),
          `${line.name} ${key === 'adjusted' ? '全年预算数' : '全年执行数'}`,
          {
            ...wan,
            text: wanText(value),
          },
        );
    }
  });
  formItems.forEach(([path, max, score, target, actual], i) => {
    const row = 10 + i;
    r.scoring.items.push({ path, max, score, deduction: false, target, actual });
    const name = path[2]!;
    put(s, `scoring.items.${i}.path`, null, cell(row, 2), name, { text: name, unit: '' });
    put(s, `scoring.items.${i}.target`, null, cell(row, 3), `${name} 年度指标值`, { text: target, unit: '' });
    put(s, `scoring.items.${i}.actual`, null, cell(row, 4), `${name} 实际完成值`, { text: actual, unit: '' });
    put(s, `scoring.items.${i}.max`, max, cell(row, 5), `${name} 分值`, { ...points, text: String(max) });
    put(s, `scoring.items.${i}.score`, score, cell(row, 6), `${name} 得分`, { ...points, text: String(score) });
  });
  r.scoring.groups = [
    { path: ['产出指标'], declaredMax: 50 },
    { path: ['效益指标'], declaredMax: 30 },
    { path: ['满意度指标'], declaredMax: 10 },
  ];
  const groupRows = [10, 13, 14];
  r.scoring.groups.forEach((group, g) => {
    put(s, `scoring.groups.${g}.declaredMax`, group.declaredMax, cell(groupRows[g]!, 0), group.path[0]!, {
      ...points,
      text: `${group.path[0]}（${group.declaredMax}分）`,
    });
  });
  r.scoring.tableTotal = 100;
  put(s, 'scoring.tableTotal', 100, cell(15, 6), '总分', { ...points, text: '100' });
  r.scoring.grade = '优';
  put(s, 'scoring.grade', null, cell(16, 1), '自评等级', { text: '优', unit: '' });
  return s;
}

/** A clean 部门整体支出绩效评价基础数据表: 编制数46人, 实际在职人数50人, 控制率108.70% (50 ÷ 46). */
export function basicDataSubmission(): ParsedSubmission {
  const s = emptySubmission('basic-data');
  s.extraction.sections.scoringTable = null;
  s.report.staffing.authorized.total = 46;
  s.report.staffing.actual.total = 50;
  s.report.staffing.controlRate = 1.087;
  put(s, 'staffing.authorized.total', 46, cell(3, 1), '编制数', { unit: '人', text: '46' });
  put(s, 'staffing.actual.total', 50, cell(3, 2), '实际在职人数', { unit: '人', text: '50' });
  put(s, 'staffing.controlRate', 1.087, cell(3, 3), '控制率', { halfUnit: 0.00005, unit: '%', text: '108.70%' });
  return s;
}

export function overallForm(): SubmissionBuilder {
  return new SubmissionBuilder(overallFormSubmission());
}

export function basicData(): SubmissionBuilder {
  return new SubmissionBuilder(basicDataSubmission());
}
