/** Whatever the document model holds, the parser returns a schema-valid submission or a not-a-report rejection — it never crashes. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../../extractors/model/document-model.js';
import { isRejection } from '../../../extractors/model/rejection.js';
import { extractionSchema, reportSchema } from '../../../extractors/model/report-schema.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { type CellSpec, modelOf, tableOf } from '../../support/seed-model.js';

// Pieces of real submissions, so random paragraphs hit the extractors' patterns and their edges.
const fragments = [
  '平等乡人民政府部门整体绩效自评报告',
  '一、',
  '（二）',
  '2.',
  '１．',
  '部门基本情况',
  '收支情况',
  '评价结论',
  '总编制',
  '在职人员总数',
  '行政',
  '工勤编制',
  '离休',
  '31名',
  '其中：',
  '收入总额',
  '支出总额',
  '结转结余',
  '本年无结转结余',
  '801.86万元',
  '８０１．８６万元',
  '8,018,600.00元',
  '完成项目如下：',
  'A项目',
  '、',
  '，',
  '。',
  '；',
  '\n',
  ' ',
  '100万以上项目：无',
  '涉毒人员',
  '25人',
  '死亡',
  '4人',
  '二级管控',
  '台账',
  '安全隐患',
  '59处',
  '已整改',
  '正在整改',
  '低保',
  '212户',
  '608人',
  '发放资金',
  '特困',
  '三十余项',
  '约',
  '以上',
  '96%',
  '百分之九十六',
  '2023年度',
  '绩效评价得分：',
  '97分',
  '一是',
  '十分',
];
const paragraph = fc.oneof(
  fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 40 }),
);

const cellTexts = [
  '一级指标',
  '二级指标',
  '三级指标',
  '指标分值',
  '自评打分',
  '自评得分',
  '目标管理（40分）',
  '扣分项',
  '部 门 整 体 自 评 得 分',
  '10',
  '９７',
  '',
  '√',
  'x',
];
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }))
  .chain(([width, height]) =>
    fc.array(
      fc.array(fc.oneof(fc.constantFrom(...cellTexts), fc.constant('^')), { minLength: width, maxLength: width }),
      {
        minLength: height,
        maxLength: height,
      },
    ),
  )
  .map(
    (rows): TableBlock =>
      tableOf(rows.map((row, r): CellSpec[] => (r === 0 ? row.map((c) => (c === '^' ? '' : c)) : row))),
  );

function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);
}

/** Dotted paths of the report's stated figures, the paths the sidecar keeps evidence for. */
function figurePaths(report: object): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || path === 'kind' || /\.(name|label|level|deduction)$|\.path(\.\d+)?$/.test(path)) return;
    if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>))
        walk(child, path ? `${path}.${key}` : key);
    } else paths.push(path);
  };
  walk(report, '');
  return paths;
}

/** What a parse must hold to (the property below), for one model. */
function expectSoundParse(paragraphs: string[], tables: TableBlock[]): void {
  const indexed = tables.map((t, index) => ({ ...t, index }));
  let parsed: ReturnType<typeof parseReport>;
  try {
    parsed = parseReport(modelOf(paragraphs, indexed));
  } catch (error) {
    expect(isRejection(error) && error.code === 'not-a-report').toBe(true);
    return;
  }
  reportSchema.parse(parsed.report);
  extractionSchema.parse(parsed.extraction);
  for (const sentence of parsed.extraction.sentences) {
    for (const figure of sentence.figures) expect(sentence.text.slice(figure.start, figure.end)).toBe(figure.raw);
  }
  for (const [path, evidence] of Object.entries(parsed.extraction.evidence)) {
    if (/\.path$/.test(path)) continue;
    expect(valueAt(parsed.report, path), path).not.toBeNull();
    if (!/^(unit|finance\.largeProjectsClaim)$/.test(path))
      expect(evidence.value, path).toBe(valueAt(parsed.report, path));
  }
  for (const path of figurePaths(parsed.report)) expect(parsed.extraction.evidence[path], path).toBeDefined();
}

describe('parsing arbitrary document models', () => {
  it('returns a valid submission or rejects it as not a report', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 12 }), fc.array(table, { maxLength: 2 }), expectSoundParse),
      { numRuns: 400 },
    );
  });

  /*
   * Counterexamples fast-check found, kept so that they run every time: a table read both as a scoring
   * table and as a form's indicator rows left evidence for form items the report did not hold
   * (scoring.items.0.max = 97 with no item 0).
   */
  it.each(['form-evidence-without-items'])('holds on the counterexample %s', (name) => {
    const { paragraphs, tables } = JSON.parse(
      readFileSync(new URL(`./robustness-cases/${name}.json`, import.meta.url), 'utf8'),
    ) as { paragraphs: string[]; tables: TableBlock[] };
    expectSoundParse(paragraphs, tables);
  });
});
