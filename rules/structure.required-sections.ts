/** structure.required-sections: the template's parts are there, and the figures every review needs were found. */
import { z } from 'zod';
import { type SectionKey, sectionKeys } from '../extractors/report-schema.js';
import { defineRule } from './rule.js';

const sectionNames: Readonly<Record<SectionKey, string>> = {
  title: '标题（部门整体绩效自评报告）',
  basicInfo: '部门基本情况',
  finance: '部门财政资金收支情况',
  performance: '部门整体绩效管理情况',
  conclusion: '评价结论及建议',
  scoringTable: '部门整体绩效自评打分表',
};

/** Figures that cannot be missing, and the part of the template that holds each. */
const requiredFigures = [
  { path: 'finance.income', label: '收入总额', section: 'finance' },
  { path: 'finance.expenditure', label: '支出总额', section: 'finance' },
  { path: 'scoring.tableTotal', label: '部门整体自评得分', section: 'scoringTable' },
] as const;

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
      missingSection: '报告缺少「{{section}}」部分',
      missingFigure: '报告未写明{{figure}}',
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
    const { sections } = context.extraction;
    const missing = new Set<SectionKey>();
    for (const key of context.options.sections) {
      if (sections[key] !== null && sections[key] !== undefined) continue;
      missing.add(key);
      context.report({ messageId: 'missingSection', data: { section: sectionNames[key] }, suggestion: 'addSection' });
    }
    const { report } = context.submission;
    const values: Record<(typeof requiredFigures)[number]['path'], number | null> = {
      'finance.income': report.finance.income,
      'finance.expenditure': report.finance.expenditure,
      'scoring.tableTotal': report.scoring.tableTotal,
    };
    for (const figure of requiredFigures) {
      // A missing part already explains its missing figures.
      if (values[figure.path] !== null || missing.has(figure.section)) continue;
      context.report({
        messageId: 'missingFigure',
        data: { figure: figure.label, section: sectionNames[figure.section] },
        suggestion: 'addFigure',
      });
    }
  },
});
