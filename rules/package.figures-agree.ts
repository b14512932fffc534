/**
 * package.figures-agree: a figure that two documents of one unit's package both state — 编制数,
 * 在职人数, 收入总额, 支出总额, 项目支出, 总分 — is the same in each, within the stated precision
 * (SPEC §8). Project forms are about one project, so their figures are not the unit's and are left out.
 * A package rule: rules/package-engine.ts runs it on all of the unit's current documents of a year.
 */
import { z } from 'zod';
import type { Evidence } from '../extractors/model/report-schema.js';
import { type DeepReadonly, defineRule } from './rule.js';
import { mayEqual } from './support/interval.js';
import type { ReportPath } from './support/report-path.js';
import { type FigureKind, type StatedFigure, show, stated } from './support/stated.js';

const figures: readonly { path: ReportPath; label: string; kind: FigureKind; unit: string }[] = [
  { path: 'staffing.authorized.total', label: '编制数', kind: 'count', unit: '人' },
  { path: 'staffing.actual.total', label: '在职人数', kind: 'count', unit: '人' },
  { path: 'finance.income', label: '收入总额', kind: 'money', unit: '' },
  { path: 'finance.expenditure', label: '支出总额', kind: 'money', unit: '' },
  { path: 'finance.projectExpenditure', label: '项目支出', kind: 'money', unit: '' },
  { path: 'scoring.tableTotal', label: '总分', kind: 'points', unit: '分' },
];

const kindNames: Record<string, string> = {
  report: '自评报告',
  'overall-form': '部门整体支出绩效自评表',
  'project-form': '项目支出绩效自评表',
  'basic-data': '基础数据表',
};

export default defineRule({
  meta: {
    id: 'package.figures-agree',
    title: '同一单位各文件数字一致',
    defaultSeverity: 'error',
    scope: 'package',
    description: {
      summary:
        '同一单位同一年度报送的各文件（自评报告、部门整体支出绩效自评表、基础数据表）都填报的数字——编制数、在职人数、收入总额、支出总额、项目支出、总分——应当一致，按各数字的记载精度比较。项目支出绩效自评表只涉及单个项目，不参与比较。',
      correct: '基础数据表实际在职人数50人，自评报告在职人员总数50名。',
      incorrect: '基础数据表实际在职人数50人，自评报告在职人员总数48名。',
    },
    messages: {
      mismatch: '{{figure}}在各文件中不一致：{{values}}',
      fix: '请核对各文件的{{figure}}，改正有误的文件后重新报送',
    },
    options: z.strictObject({}),
  },
  check() {
    // A package rule has nothing to compare within one document.
  },
  checkPackage(context) {
    const documents = context.documents.filter((d) => d.submission.report.kind !== 'project-form');
    for (const figure of figures) {
      const statedIn: { file: string; kind: string; figure: StatedFigure }[] = [];
      for (const document of documents) {
        const found = stated(document, figure.path, figure.kind, figure.unit);
        if (found && !found.quantity.approximate)
          statedIn.push({ file: document.file, kind: document.submission.report.kind, figure: found });
      }
      const disagree = statedIn.some((a, i) =>
        statedIn.slice(i + 1).some((b) => !mayEqual(a.figure.quantity, b.figure.quantity)),
      );
      if (!disagree) continue;
      const evidence: DeepReadonly<Evidence>[] = [];
      for (const s of statedIn) if (s.figure.evidence) evidence.push({ ...s.figure.evidence, file: s.file });
      context.report({
        messageId: 'mismatch',
        data: {
          figure: figure.label,
          values: statedIn
            .map((s) => `${kindNames[s.kind] ?? s.kind}「${baseName(s.file)}」为${show(s.figure)}`)
            .join('，'),
        },
        evidence,
        suggestion: 'fix',
      });
    }
  },
});

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
