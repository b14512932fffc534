/**
 * structure.required-sections: the template's parts are there, and the figures every review needs
 * were found. A missing part points at the parts found before and after it, where it was expected;
 * a missing figure points at the part that should state it.
 */
import { z } from 'zod';
import { isCellLocation, type SourceLocation } from '../extractors/model/document-model.js';
import {
  type DocumentKind,
  type Evidence,
  formSections,
  type SectionKey,
  sectionKeys,
  sectionNames,
} from '../extractors/model/report-schema.js';
import { type DeepReadonly, defineRule, type RuleContext } from './rule.js';
import type { ReportPath } from './support/report-path.js';

/** What each kind of document is called in a message. */
const kindNames: Readonly<Record<DocumentKind, string>> = {
  report: '报告',
  'overall-form': '部门整体支出绩效自评表',
  'project-form': '项目支出绩效自评表',
  'basic-data': '基础数据表',
};

/** The figures checked for, by their report paths (a misspelt one does not compile). */
const figurePaths = [
  'finance.income',
  'finance.expenditure',
  'scoring.tableTotal',
  'budget.executed',
  'staffing.authorized.total',
  'staffing.actual.total',
] as const satisfies readonly ReportPath[];
type FigurePath = (typeof figurePaths)[number];

/** Figures that cannot be missing in each kind of document, and the part that holds each. */
const requiredFigures: Readonly<
  Record<DocumentKind, readonly { path: FigurePath; label: string; section: SectionKey }[]>
> = {
  report: [
    { path: 'finance.income', label: '收入总额', section: 'finance' },
    { path: 'finance.expenditure', label: '支出总额', section: 'finance' },
    { path: 'scoring.tableTotal', label: '部门整体自评得分', section: 'scoringTable' },
  ],
  'overall-form': [
    { path: 'budget.executed', label: '年度资金总额的全年执行数', section: 'funds' },
    { path: 'scoring.tableTotal', label: '总分', section: 'formTotal' },
  ],
  'project-form': [
    { path: 'budget.executed', label: '年度资金总额的全年执行数', section: 'funds' },
    { path: 'scoring.tableTotal', label: '总分', section: 'formTotal' },
  ],
  'basic-data': [
    { path: 'staffing.authorized.total', label: '编制数', section: 'staffingTable' },
    { path: 'staffing.actual.total', label: '实际在职人数', section: 'staffingTable' },
  ],
};

type Context = RuleContext<unknown, string>;
type ReadonlyEvidence = DeepReadonly<Evidence>;

function sameLocation(a: DeepReadonly<SourceLocation>, b: DeepReadonly<SourceLocation>): boolean {
  const [x, y] = [a as SourceLocation, b as SourceLocation];
  if (isCellLocation(x) || isCellLocation(y)) {
    return isCellLocation(x) && isCellLocation(y) && x.table === y.table && x.row === y.row && x.column === y.column;
  }
  return x.page === y.page && x.paragraph === y.paragraph;
}

/** The text the document has at a part's location: its heading, its first sentence, or a figure's cell. */
function textAt(context: Context, location: DeepReadonly<SourceLocation>): string | null {
  const { headings, sentences, evidence } = context.extraction;
  const found =
    headings.find((h) => sameLocation(h.location, location)) ??
    sentences.find((s) => sameLocation(s.location, location)) ??
    Object.values(evidence).find((e) => e !== undefined && sameLocation(e.location, location));
  return found?.text ?? null;
}

/** The narrative template's parts in order. */
const narrativeOrder: readonly SectionKey[] = sectionKeys.slice(0, sectionKeys.indexOf('scoringTable') + 1);

function partEvidence(context: Context, key: SectionKey, label: string): ReadonlyEvidence | null {
  const location = (context.extraction.sections as Partial<Record<SectionKey, DeepReadonly<SourceLocation> | null>>)[
    key
  ];
  if (location === null || location === undefined) return null;
  return { label, value: null, text: textAt(context, location) ?? sectionNames[key], location };
}

/** Where a missing part was expected: the nearest parts found before and after it in its kind's order. */
function whereExpected(context: Context, missing: SectionKey, order: readonly SectionKey[]): ReadonlyEvidence[] {
  const at = order.indexOf(missing);
  const before = order.slice(0, Math.max(0, at)).reverse();
  const after = order.slice(at + 1);
  const found = (keys: readonly SectionKey[], label: string) =>
    keys.map((key) => partEvidence(context, key, label)).find((e) => e !== null) ?? null;
  const neighbours = [found(before, '前一部分'), found(after, '后一部分')].filter((e) => e !== null);
  if (neighbours.length > 0) return neighbours;
  // No part of the template was recognised: the numbered headings are what the document has instead.
  return context.extraction.headings
    .filter((h) => h.level === 1)
    .map((h) => ({ label: '已有一级标题', value: null, text: h.text, location: h.location }));
}

export default defineRule({
  meta: {
    id: 'structure.required-sections',
    title: '报告组成部分齐全',
    defaultSeverity: 'error',
    description: {
      summary: '报告应包含模板规定的各部分（至少有收支情况和自评打分表），并写明收入总额、支出总额和部门整体自评得分。',
      correct:
        '报告含「二、部门财政资金收支情况」（写明收入总额、支出总额）和附件「县级部门整体绩效自评打分表」（含部门整体自评得分）。',
      incorrect: '报告缺少「二、部门财政资金收支情况」一节，或未附自评打分表。',
    },
    messages: {
      missingSection: '{{kind}}缺少「{{section}}」部分',
      missingFigure: '{{kind}}未写明{{figure}}',
      addSection: '请按模板补充「{{section}}」部分',
      addFigure: '请在「{{section}}」中写明{{figure}}',
    },
    options: z.strictObject({
      /** Parts that must be present. @default ['basicInfo', 'finance', 'performance', 'conclusion', 'scoringTable'] */
      sections: z
        .array(z.enum(sectionKeys))
        .default(['basicInfo', 'finance', 'performance', 'conclusion', 'scoringTable']),
    }),
  },
  check(context) {
    const sections: Partial<Record<SectionKey, unknown>> = context.extraction.sections;
    const { report } = context.submission;
    // A report has the template's parts (configurable); a form has the parts of its kind (SPEC §6).
    const order: readonly SectionKey[] = report.kind === 'report' ? narrativeOrder : [...formSections[report.kind]];
    const required = report.kind === 'report' ? context.options.sections : order;
    const kind = kindNames[report.kind];
    const missing = new Set<SectionKey>();
    for (const key of required) {
      if (sections[key] !== null && sections[key] !== undefined) continue;
      missing.add(key);
      context.report({
        messageId: 'missingSection',
        data: { kind, section: sectionNames[key] },
        evidence: whereExpected(context as Context, key, order),
        suggestion: 'addSection',
      });
    }
    const values: Record<FigurePath, number | null> = {
      'finance.income': report.finance.income,
      'finance.expenditure': report.finance.expenditure,
      'scoring.tableTotal': report.scoring.tableTotal,
      'budget.executed': report.budget?.executed ?? null,
      'staffing.authorized.total': report.staffing.authorized.total,
      'staffing.actual.total': report.staffing.actual.total,
    };
    for (const figure of requiredFigures[report.kind]) {
      // A missing part already explains its missing figures.
      if (values[figure.path] !== null || missing.has(figure.section)) continue;
      const part = partEvidence(context as Context, figure.section, '应写明的部分');
      context.report({
        messageId: 'missingFigure',
        data: { kind, figure: figure.label, section: sectionNames[figure.section] },
        evidence: part === null ? whereExpected(context as Context, figure.section, order) : [part],
        suggestion: 'addFigure',
      });
    }
  },
});
