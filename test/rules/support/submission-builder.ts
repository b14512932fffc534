/**
 * Hand-built ParsedSubmissions for the rule tests: the seed report of
 * fixtures/expected/pingdeng-2023.report.json with plausible evidence for every figure (paragraph
 * or cell, unit, stated precision), the seed's narrative sentences with their figures, its
 * headings and sections — and a builder that lets each test case change a few figures.
 */
import { readFileSync } from 'node:fs';
import type { CellLocation, TextLocation } from '../../../extractors/model/document-model.js';
import {
  type Evidence,
  type Heading,
  type ParsedSubmission,
  reportSchema,
  type Sentence,
} from '../../../extractors/model/report-schema.js';
import { parseSeedText } from '../../../fixtures/seed-text.js';
import { type FigureOptions, findTestFigures } from './figures.js';

const seedReport = reportSchema.parse(
  JSON.parse(readFileSync(new URL('../../../fixtures/expected/pingdeng-2023.report.json', import.meta.url), 'utf8')),
);
const seedText = parseSeedText(
  readFileSync(new URL('../../../fixtures/source/pingdeng-2023-self-assessment.txt', import.meta.url), 'utf8'),
);

/** The location of the seed paragraph containing `fragment`. */
export function paragraphOf(fragment: string): TextLocation {
  const index = seedText.paragraphs.findIndex((p) => p.includes(fragment));
  if (index < 0) throw new Error(`no seed paragraph contains ${fragment}`);
  return { page: null, paragraph: index };
}

function sentenceOf(fragment: string): { text: string; location: TextLocation; offset: number } {
  const location = paragraphOf(fragment);
  const paragraph = seedText.paragraphs[location.paragraph]!;
  const parts = paragraph.split(/(?<=[。；！？])/);
  let offset = 0;
  for (const part of parts) {
    if (part.includes(fragment)) return { text: part, location, offset };
    offset += part.length;
  }
  throw new Error(`fragment ${fragment} spans sentences`);
}

const cell = (row: number, column: number): CellLocation => ({ table: 0, row, column });

interface EvidenceSpec {
  readonly fragment?: string;
  readonly cell?: CellLocation;
  readonly label: string;
  readonly unit: string;
  readonly halfUnit?: number;
  readonly text?: string;
  readonly approximate?: boolean;
}

function evidenceFor(spec: EvidenceSpec, value: number | null): Evidence {
  const location = spec.cell ?? paragraphOf(spec.fragment!);
  const text = spec.text ?? (spec.fragment ? sentenceOf(spec.fragment).text : String(value ?? ''));
  return {
    label: spec.label,
    value,
    text,
    location,
    halfUnit: spec.halfUnit ?? 0,
    approximate: spec.approximate ?? false,
    unit: spec.unit,
  };
}

function seedEvidence(): Record<string, Evidence> {
  const r = seedReport;
  const specs: [string, number | null, EvidenceSpec][] = [];
  const add = (path: string, value: number | null, spec: EvidenceSpec) => specs.push([path, value, spec]);

  add('year', r.year, {
    fragment: '2023年度部门收入总额',
    label: '年度',
    unit: '年',
    text: '2023年度部门收入总额801.86万元。',
  });
  const authorized = '平等乡总编制31名';
  add('staffing.authorized.total', 31, { fragment: authorized, label: '总编制', unit: '名' });
  add('staffing.authorized.administrative', 17, { fragment: authorized, label: '行政编制', unit: '名' });
  add('staffing.authorized.service', 0, { fragment: authorized, label: '工勤编制', unit: '名' });
  add('staffing.authorized.institutional', 14, { fragment: authorized, label: '事业编制', unit: '名' });
  const actual = '在职人员总数22名';
  add('staffing.actual.total', 22, { fragment: actual, label: '在职人员总数', unit: '名' });
  add('staffing.actual.administrative', 14, { fragment: actual, label: '行政', unit: '名' });
  add('staffing.actual.service', 0, { fragment: actual, label: '工勤', unit: '名' });
  add('staffing.actual.institutional', 8, { fragment: actual, label: '事业', unit: '名' });
  add('staffing.actual.retired', 0, { fragment: '离休0名', label: '离休', unit: '名' });

  add('finance.income', r.finance.income, { fragment: '部门收入总额', label: '收入总额', unit: '万元', halfUnit: 50 });
  add('finance.expenditure', r.finance.expenditure, {
    fragment: '部门支出总额',
    label: '支出总额',
    unit: '万元',
    halfUnit: 50,
  });
  add('finance.carryover', r.finance.carryover, { fragment: '本年无结转结余', label: '结转结余', unit: '' });
  const projectHalves = [5000, 5000, 5000, 50, 50, 50];
  r.finance.projects.forEach((p, i) => {
    add(`finance.projects.${i}.amount`, p.amount, {
      fragment: '我乡2023年完成项目如下',
      label: p.name,
      unit: '万元',
      halfUnit: projectHalves[i]!,
    });
  });
  add('finance.largeProjectsClaim', null, { fragment: '100万以上项目', label: '100万以上项目', unit: '' });

  // Table rows: 0–1 header, items from row 2 in order, the 扣分项 at row 15, the total at row 16.
  r.scoring.items.forEach((item, i) => {
    const row = i + 2;
    const name = item.path[item.path.length - 1]!;
    add(`scoring.items.${i}.max`, item.max, { cell: cell(row, 3), label: `${name} 指标分值`, unit: '' });
    add(`scoring.items.${i}.score`, item.score, { cell: cell(row, 10), label: `${name} 自评打分`, unit: '' });
    add(`scoring.items.${i}.path`, null, {
      cell: cell(row, item.deduction ? 0 : 2),
      label: name,
      unit: '',
      text: item.deduction ? '扣分项（10分）' : name,
    });
  });
  const groupCells = [
    cell(2, 0),
    cell(2, 1),
    cell(6, 1),
    cell(9, 1),
    cell(11, 0),
    cell(11, 1),
    cell(12, 1),
    cell(13, 1),
  ];
  r.scoring.groups.forEach((group, g) => {
    const name = group.path[group.path.length - 1]!;
    add(`scoring.groups.${g}.declaredMax`, group.declaredMax, {
      cell: groupCells[g]!,
      label: name,
      unit: '分',
      text: `${name}（${group.declaredMax}分）`,
    });
  });
  add('scoring.tableTotal', r.scoring.tableTotal, { cell: cell(16, 10), label: '部门整体自评得分', unit: '' });
  add('scoring.conclusionScore', r.scoring.conclusionScore, {
    fragment: '绩效评价得分',
    label: '绩效评价得分',
    unit: '分',
  });

  const drug = '我乡涉毒人员25人';
  const d = r.facts.drugControl;
  add('facts.drugControl.registered', d.registered, { fragment: drug, label: '涉毒人员', unit: '人' });
  add('facts.drugControl.deceased', d.deceased, { fragment: drug, label: '死亡', unit: '人' });
  add('facts.drugControl.imprisoned', d.imprisoned, { fragment: drug, label: '羁押服刑', unit: '人' });
  add('facts.drugControl.compulsoryRehab', d.compulsoryRehab, { fragment: drug, label: '强制隔离', unit: '人' });
  add('facts.drugControl.communityRehab', d.communityRehab, { fragment: drug, label: '社区康复', unit: '人' });
  add('facts.drugControl.abstinent', d.abstinent, { fragment: drug, label: '戒断3年无复吸', unit: '人' });
  add('facts.drugControl.ledgerCount', d.ledgerCount, { fragment: '对21个涉毒人员', label: '建立台账', unit: '个' });
  d.controlLevels.forEach((level, i) => {
    add(`facts.drugControl.controlLevels.${i}.count`, level.count, { fragment: drug, label: level.level, unit: '人' });
  });

  const safety = '发现安全隐患共计59处';
  add('facts.safety.hazardsFound', 59, { fragment: safety, label: '发现安全隐患', unit: '处' });
  add('facts.safety.hazardsFixed', 57, { fragment: safety, label: '已整改', unit: '处' });
  add('facts.safety.hazardsPending', 2, { fragment: safety, label: '正在整改', unit: '处' });

  const welfare = '目前全乡低保212户';
  const w = r.facts.welfare;
  add('facts.welfare.dibaoHouseholds', w.dibaoHouseholds, { fragment: welfare, label: '低保', unit: '户' });
  add('facts.welfare.dibaoPersons', w.dibaoPersons, { fragment: welfare, label: '低保', unit: '人' });
  add('facts.welfare.dibaoFunds', w.dibaoFunds, { fragment: welfare, label: '发放资金', unit: '万元', halfUnit: 0.5 });
  const fundHalves: Record<string, number> = {
    低保: 0.5,
    特困: 0.5,
    高龄补贴: 5,
    重度残疾人护理补贴: 5,
    困难残疾人生活补贴: 50,
  };
  w.benefits.forEach((b, i) => {
    const fragment = b.label === '新增监测户' ? '新增监测户6户24人' : welfare;
    if (b.households !== null)
      add(`facts.welfare.benefits.${i}.households`, b.households, { fragment, label: b.label, unit: '户' });
    if (b.persons !== null)
      add(`facts.welfare.benefits.${i}.persons`, b.persons, { fragment, label: b.label, unit: '人' });
    if (b.funds !== null) {
      add(`facts.welfare.benefits.${i}.funds`, b.funds, {
        fragment,
        label: `${b.label}资金`,
        unit: '万元',
        halfUnit: fundHalves[b.label] ?? 0.5,
      });
    }
  });

  const out: Record<string, Evidence> = {};
  for (const [path, value, spec] of specs) out[path] = evidenceFor(spec, value);
  return out;
}

/** A narrative sentence of a seed paragraph, with figures found by the test finder. */
function seedSentence(fragment: string, options: FigureOptions = {}): Sentence {
  const { text, location, offset } = sentenceOf(fragment);
  return { text, location, offset, figures: findTestFigures(text, options) };
}

function seedSentences(): Sentence[] {
  return [
    seedSentence('平等乡总编制31名', {
      usedBy: {
        '31名': 'staffing.authorized.total',
        '17名': 'staffing.authorized.administrative',
        '0名': 'staffing.authorized.service',
        '14名': 'staffing.authorized.institutional',
      },
    }),
    seedSentence('在职人员总数22名', {
      usedBy: {
        '22名': 'staffing.actual.total',
        '14名': 'staffing.actual.administrative',
        '0名': 'staffing.actual.service',
        '8名': 'staffing.actual.institutional',
      },
    }),
    seedSentence('离休0名', { usedBy: { '0名': 'staffing.actual.retired' } }),
    seedSentence('召开党委会15次'),
    seedSentence('开展反邪教警示教育活动1300多人次'),
    seedSentence('共办理上级交办来信来访来电24件'),
    seedSentence('共调处各类矛盾纠纷25起'),
    seedSentence('我乡涉毒人员25人', {
      labels: { '2人': '羁押服刑', '1人': '强制隔离', '4人#2': '社区康复', '14人#1': '戒断3年无复吸', '3年': '戒断' },
      usedBy: {
        '25人': 'facts.drugControl.registered',
        '4人#1': 'facts.drugControl.deceased',
        '2人': 'facts.drugControl.imprisoned',
        '1人': 'facts.drugControl.compulsoryRehab',
        '4人#2': 'facts.drugControl.communityRehab',
        '14人#1': 'facts.drugControl.abstinent',
        '3人': 'facts.drugControl.controlLevels.0.count',
        '14人#2': 'facts.drugControl.controlLevels.1.count',
      },
    }),
    seedSentence('对21个涉毒人员', {
      labels: { '21个': '涉毒人员' },
      usedBy: { '21个': 'facts.drugControl.ledgerCount' },
    }),
    seedSentence('对27处高危制毒场所'),
    seedSentence('发现安全隐患共计59处', {
      labels: { '2处': '正在整改' },
      usedBy: {
        '59处': 'facts.safety.hazardsFound',
        '57处': 'facts.safety.hazardsFixed',
        '2处': 'facts.safety.hazardsPending',
      },
      extra: [{ raw: '三十余项', value: '30', kind: 'count', unit: '项', approximate: true, label: '专项安全工作' }],
    }),
    seedSentence('开展路检路查工作200余次'),
    seedSentence('全乡生猪存栏7322头'),
    seedSentence('目前全乡低保212户', {
      usedBy: {
        '212户': 'facts.welfare.dibaoHouseholds',
        '608人': 'facts.welfare.dibaoPersons',
        '165.7206万元': 'facts.welfare.dibaoFunds',
        '33人': 'facts.welfare.benefits.1.persons',
        '27.2763万元': 'facts.welfare.benefits.1.funds',
        '166人': 'facts.welfare.benefits.2.persons',
        '7.156万元': 'facts.welfare.benefits.2.funds',
        '135人': 'facts.welfare.benefits.3.persons',
        '11.089万元': 'facts.welfare.benefits.3.funds',
        '80人': 'facts.welfare.benefits.4.persons',
        '9.21万元': 'facts.welfare.benefits.4.funds',
      },
    }),
    seedSentence('对全乡200名持证残疾人'),
    seedSentence('新增监测户6户24人', {
      usedBy: { '6户': 'facts.welfare.benefits.5.households', '24人': 'facts.welfare.benefits.5.persons' },
    }),
    seedSentence('2024年医疗保险参保率83.79%'),
    seedSentence('兑现前一轮退耕还林森林抚育1469.5亩'),
    seedSentence('我乡2023年完成项目如下', {
      usedBy: Object.fromEntries(
        ['68万元', '42万元', '4万元', '24.98万元', '7.48万元', '4.16万元'].map((raw, i) => [
          raw,
          `finance.projects.${i}.amount`,
        ]),
      ),
    }),
    seedSentence('2023年度部门收入总额', { usedBy: { '801.86万元': 'finance.income' } }),
    seedSentence('2023年度部门支出总额', { usedBy: { '801.86万元': 'finance.expenditure' } }),
    seedSentence('编制内在职人员控制率小于100%'),
    seedSentence('资金主要投入在基层组织'),
    seedSentence('根据《峨边彝族自治县财政局', { usedBy: { '97分': 'scoring.conclusionScore' } }),
  ];
}

const chineseNumbers = '一二三四五六七八九十';

function seedHeadings(): Heading[] {
  const headings: Heading[] = [];
  seedText.paragraphs.forEach((text, paragraph) => {
    const location = { page: null, paragraph };
    let m = /^([一二三四五六七八九十]+)、/.exec(text);
    if (m) headings.push({ marker: m[0], level: 1, number: chineseNumbers.indexOf(m[1]!) + 1, text, location });
    m = /^（([一二三四五六七八九十]+)）/.exec(text);
    if (m) headings.push({ marker: m[0], level: 2, number: chineseNumbers.indexOf(m[1]!) + 1, text, location });
    m = /^(\d+)[.、．]/.exec(text);
    if (m) headings.push({ marker: m[0], level: 3, number: Number(m[1]), text, location });
  });
  return headings;
}

function seedRepeatedFigures(evidence: Record<string, Evidence>): ParsedSubmission['extraction']['repeatedFigures'] {
  const second = sentenceOf('资金主要投入在基层组织');
  return seedReport.finance.projects.map((project, i) => ({
    name: project.name,
    occurrences: [
      evidence[`finance.projects.${i}.amount`]!,
      { ...evidence[`finance.projects.${i}.amount`]!, ...second },
    ].map(({ label, value, text, location, halfUnit, approximate, unit }) => ({
      label,
      value,
      text,
      location,
      halfUnit,
      approximate,
      unit,
    })),
  }));
}

/** A fresh, deep copy of the seed as the parser is expected to hand it to the rules. */
export function seedSubmission(): ParsedSubmission {
  const evidence = seedEvidence();
  return structuredClone({
    report: seedReport,
    extraction: {
      ocr: false,
      evidence,
      repeatedFigures: seedRepeatedFigures(evidence),
      sentences: seedSentences(),
      headings: seedHeadings(),
      sections: {
        title: paragraphOf('平等乡人民政府部门整体绩效自评报告'),
        basicInfo: paragraphOf('一、部门基本情况'),
        finance: paragraphOf('二、部门财政资金收支情况'),
        performance: paragraphOf('三、部门整体绩效管理情况'),
        conclusion: paragraphOf('四、评价结论及建议'),
        scoringTable: cell(0, 0),
      },
      problems: [],
    },
  });
}

function setAt(root: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') throw new Error(`no report path ${path}`);
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

export class SubmissionBuilder {
  private readonly submission: ParsedSubmission;
  private nextParagraph = 500;

  constructor(base: ParsedSubmission = seedSubmission()) {
    this.submission = structuredClone(base);
  }

  /**
   * Sets the report figure at `path` and its evidence: the existing evidence gets the new value and
   * the patch; a figure that had none gets evidence in a new paragraph. `null` removes both.
   */
  set(path: string, value: number | null, patch: Partial<Evidence> = {}): this {
    setAt(this.submission.report, path, value);
    const { evidence } = this.submission.extraction;
    if (value === null) {
      delete evidence[path];
      return this;
    }
    const existing = evidence[path];
    evidence[path] = existing
      ? { ...existing, value, ...patch }
      : {
          label: path,
          text: `${path} ${value}`,
          location: { page: null, paragraph: this.nextParagraph++ },
          halfUnit: 0,
          approximate: false,
          ...patch,
          value,
        };
    return this;
  }

  /** Changes the evidence of a figure (precision, approximation, unit) without changing its value. */
  evidence(path: string, patch: Partial<Evidence>): this {
    const existing = this.submission.extraction.evidence[path];
    if (!existing) throw new Error(`no evidence at ${path}`);
    this.submission.extraction.evidence[path] = { ...existing, ...patch };
    return this;
  }

  /** Appends a narrative sentence (its own paragraph) with the figures the test finder reads in it. */
  sentence(text: string, options: FigureOptions = {}): this {
    const location = { page: null, paragraph: this.nextParagraph++ };
    this.submission.extraction.sentences.push({ text, location, offset: 0, figures: findTestFigures(text, options) });
    return this;
  }

  withoutSentences(): this {
    this.submission.extraction.sentences = [];
    return this;
  }

  /** Any other change, on the builder's private copy. */
  mutate(change: (submission: ParsedSubmission) => void): this {
    change(this.submission);
    return this;
  }

  build(): ParsedSubmission {
    return structuredClone(this.submission);
  }
}

export function submission(base?: ParsedSubmission): SubmissionBuilder {
  return new SubmissionBuilder(base);
}
