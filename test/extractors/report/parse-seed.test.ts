/** The seed submission, as a document model built from its text, extracts to the contract report with evidence for every figure. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractionSchema, reportSchema } from '../../../extractors/model/report-schema.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { seedModel } from '../../support/seed-model.js';

const expected = JSON.parse(
  readFileSync(new URL('../../../fixtures/expected/pingdeng-2023.report.json', import.meta.url), 'utf8'),
) as unknown;
const parsed = parseReport(seedModel());
const { evidence, sentences } = parsed.extraction;

/** Every dotted path of a non-null figure in the report (the paths evidence is kept for). */
function figurePaths(value: unknown, path: string, out: string[]): string[] {
  if (value === null) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      figurePaths(item, `${path}.${i}`, out);
    });
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      figurePaths(child, path ? `${path}.${key}` : key, out);
    }
  } else out.push(path);
  return out;
}

describe('the seed submission', () => {
  it('extracts exactly to the contract report', () => {
    expect(parsed.report).toEqual(expected);
  });

  it('validates against the report and extraction schemas', () => {
    expect(reportSchema.parse(parsed.report)).toEqual(parsed.report);
    expect(() => extractionSchema.parse(parsed.extraction)).not.toThrow();
  });

  it('keeps evidence for every stated figure and for nothing else', () => {
    const wanted = figurePaths(parsed.report, '', [])
      .filter((path) => path !== 'kind' && !/\.(name|label|level|deduction)$/.test(path) && !/\.path\.\d+$/.test(path))
      .concat(parsed.report.scoring.items.map((_, i) => `scoring.items.${i}.path`));
    expect(Object.keys(evidence).sort()).toEqual([...new Set(wanted)].sort());
  });

  it('points the 动态调整 group at its merged cell', () => {
    expect(evidence['scoring.groups.2.declaredMax']).toEqual({
      label: '动态调整',
      value: 15,
      text: '动态调整（15分）',
      location: { table: 0, row: 6, column: 1 },
      halfUnit: 0,
      approximate: false,
      unit: '分',
    });
  });

  it('points a filled-down item at the cell its name was stated in', () => {
    expect(evidence['scoring.items.1.path']!.location).toEqual({ table: 0, row: 2, column: 2 });
    expect(evidence['scoring.items.1.max']!.location).toEqual({ table: 0, row: 3, column: 3 });
    expect(evidence['scoring.items.13.path']).toMatchObject({ label: '扣分项', text: '扣分项（10分）' });
    expect(evidence['scoring.tableTotal']).toMatchObject({ value: 97, location: { table: 0, row: 16, column: 10 } });
  });

  it('gives each narrative figure its sentence, location and stated precision', () => {
    expect(evidence['finance.income']).toEqual({
      label: '收入总额',
      value: 8018600,
      text: '2023年度部门收入总额801.86万元。',
      location: { page: null, paragraph: 28 },
      halfUnit: 50,
      approximate: false,
      unit: '万元',
    });
    expect(evidence['finance.projects.0.amount']).toMatchObject({
      label: '基层组织和农村公共服务运行维护费',
      halfUnit: 5000,
    });
    expect(evidence['facts.drugControl.imprisoned']).toMatchObject({ label: '羁押服刑', value: 2, unit: '人' });
    expect(evidence['facts.drugControl.ledgerCount']!.text).toContain('“五包一”工作台账');
    expect(evidence['scoring.conclusionScore']).toMatchObject({ label: '绩效评价得分', value: 97 });
  });

  it('takes 「本年无结转结余」 as a stated carry-over of 0', () => {
    expect(evidence['finance.carryover']).toEqual({
      label: '结转结余',
      value: 0,
      text: '本年无结转结余。',
      location: { page: null, paragraph: 32 },
      halfUnit: 0,
      approximate: false,
    });
  });

  it('lists every project stated twice with both amounts', () => {
    expect(parsed.extraction.repeatedFigures.map((r) => r.name)).toEqual(
      parsed.report.finance.projects.map((p) => p.name),
    );
    for (const repeated of parsed.extraction.repeatedFigures) {
      expect(repeated.occurrences).toHaveLength(2);
      expect(repeated.occurrences[0]!.location).toEqual({ page: null, paragraph: 25 });
      expect(repeated.occurrences[1]!.location).toEqual({ page: null, paragraph: 39 });
      expect(repeated.occurrences[0]!.value).toBe(repeated.occurrences[1]!.value);
    }
  });

  it('marks the figures the typed extractors took, and only those', () => {
    const used = sentences.flatMap((s) => s.figures.flatMap((f) => (f.usedBy ? [f.usedBy] : [])));
    expect(used).toContain('facts.drugControl.registered');
    expect(used).toContain('staffing.authorized.total');
    const breakdown = sentences.find(
      (s) => s.text.startsWith('今年来，共调处各类矛盾纠纷') || s.text.includes('共调处各类矛盾纠纷25起'),
    )!;
    expect(breakdown.figures.map((f) => [f.raw, f.label, f.usedBy])).toEqual([
      ['25起', '调处各类矛盾纠纷', null],
      ['3起', '疑难纠纷', null],
      ['100%', '调处率', null],
      ['96%', '成功率', null],
    ]);
  });

  it('keeps each sentence at its offset in its paragraph and each figure at its offset in the sentence', () => {
    const staffing = sentences.filter((s) => s.location.paragraph === 7);
    expect(staffing.map((s) => [s.offset, s.text])).toEqual([
      [0, '平等乡总编制31名，其中：行政编制17名，工勤编制0名，事业编制14名。'],
      [36, '在职人员总数22名，其中：行政14名，工勤0名，事业8名。'],
      [65, '离休0名。'],
    ]);
    for (const sentence of sentences) {
      for (const figure of sentence.figures) expect(sentence.text.slice(figure.start, figure.end)).toBe(figure.raw);
    }
  });

  it('reads labels on either side of the number', () => {
    const drug = sentences.find((s) => s.text.startsWith('我乡涉毒人员25人'))!;
    expect(drug.figures.map((f) => f.label)).toEqual([
      '涉毒人员',
      '死亡',
      '羁押服刑',
      '强制隔离',
      '社区康复',
      '戒断',
      '戒断',
      '二级管控',
      '三级管控',
    ]);
  });

  it('reads years as year figures and the 2024 one in the 2023 report', () => {
    const years = sentences.flatMap((s) => s.figures.filter((f) => f.kind === 'year').map((f) => f.raw));
    expect(years).toContain('2024年');
    expect(years.filter((y) => y.startsWith('2023'))).toHaveLength(5);
  });

  it('does not take the heading marker of 「2.100万以上项目：无」 as a figure', () => {
    const claim = sentences.find((s) => s.text === '2.100万以上项目：无。')!;
    expect(claim.figures.map((f) => [f.raw, f.value, f.usedBy])).toEqual([
      ['100万', '1000000', 'finance.largeProjectsClaim'],
    ]);
    expect(evidence['finance.largeProjectsClaim']).toMatchObject({ label: '100万以上项目', value: null });
  });

  it('finds the numbered headings with the seed’s restart and duplicate', () => {
    const level2 = parsed.extraction.headings.filter((h) => h.level === 2).map((h) => h.marker);
    expect(level2.slice(0, 8)).toEqual([
      '（一）',
      '（二）',
      '（三）',
      '（一）',
      '（二）',
      '（三）',
      '（四）',
      '（四）',
    ]);
    expect(parsed.extraction.headings.find((h) => h.text.startsWith('2.100万'))).toMatchObject({ level: 3, number: 2 });
    expect(parsed.extraction.headings.find((h) => h.marker === '2、')).toMatchObject({ level: 3, number: 2 });
    expect(parsed.extraction.headings.some((h) => h.text.includes('一是'))).toBe(false);
  });

  it('locates the template’s parts', () => {
    expect(parsed.extraction.sections).toEqual({
      title: { page: null, paragraph: 1 },
      basicInfo: { page: null, paragraph: 2 },
      finance: { page: null, paragraph: 26 },
      performance: { page: null, paragraph: 33 },
      conclusion: { page: null, paragraph: 43 },
      scoringTable: { table: 0, row: 0, column: 0 },
    });
    expect(parsed.extraction.problems).toEqual([]);
  });
});
