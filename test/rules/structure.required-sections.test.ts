/** structure.required-sections: the template's parts and the figures every review needs. */
import rule from '../../rules/structure.required-sections.js';
import { ruleTester } from './support/rule-tester.js';
import { paragraphOf, submission } from './support/submission-builder.js';

const headingAt = (text: string) => ({ value: null, text, location: paragraphOf(text) });

const cell = (row: number) => ({ table: 0, row, column: 0 });
/** A form of `kind` with the parts given found (at made-up cells) and the rest missing. */
const form = (kind: 'overall-form' | 'project-form' | 'basic-data', parts: string[]) =>
  submission().mutate((s) => {
    s.report.kind = kind;
    for (const key of ['title', 'basicInfo', 'finance', 'performance', 'conclusion', 'scoringTable'] as const)
      s.extraction.sections[key] = null;
    parts.forEach((key, i) => {
      (s.extraction.sections as Record<string, unknown>)[key] = cell(i);
    });
    s.report.finance.income = null;
    s.report.finance.expenditure = null;
    s.report.budget = { initial: null, adjusted: null, executed: 20301200, rate: 1, max: 10, score: 10, lines: [] };
    s.report.staffing.authorized.total = 46;
    s.report.staffing.actual.total = 50;
  });
const formParts = ['formHeader', 'funds', 'goals', 'indicators', 'formTotal'];

const withoutSection = (key: 'finance' | 'scoringTable' | 'basicInfo' | 'performance' | 'conclusion' | 'title') =>
  submission().mutate((s) => {
    s.extraction.sections[key] = null;
  });

ruleTester.run(rule, {
  valid: [
    // The seed has all five parts and states 收入总额, 支出总额 and 部门整体自评得分.
    { name: 'the seed has every part and figure', submission: submission().build() },
    // The title is not one of the five numbered parts: a report without a recognisable title still passes.
    { name: 'a missing title alone is not reported', submission: withoutSection('title').build() },
    // Options narrow the required parts: 评价结论 is then optional.
    {
      name: 'a part left out of the options is not required',
      submission: withoutSection('conclusion').build(),
      options: { sections: ['finance', 'scoringTable'] },
    },
    // The conclusion's own score is checked by scoring.conclusion-matches-table, not here.
    {
      name: 'a missing conclusion score is left to other rules',
      submission: submission().set('scoring.conclusionScore', null).build(),
    },
    // A form is checked for a form's parts, not the narrative template's (SPEC §8).
    {
      name: 'an overall form with its header, funds, goals, indicators and 总分',
      submission: form('overall-form', formParts).build(),
    },
    {
      name: 'a basic-data table with its three parts',
      submission: form('basic-data', ['staffingTable', 'expenseControl', 'buildingControl']).build(),
    },
  ],
  invalid: [
    // A project form without its 绩效指标 table: named as a 项目支出绩效自评表's missing part.
    {
      name: 'a project form without 绩效指标',
      submission: form('project-form', ['formHeader', 'funds', 'goals', 'formTotal']).build(),
      errors: [
        {
          messageId: 'missingSection',
          suggestion: '请按模板补充「绩效指标」部分',
          data: { kind: '项目支出绩效自评表', section: '绩效指标' },
        },
      ],
    },
    // A basic-data table whose staffing block holds no 编制数: the figure is named.
    {
      name: 'a basic-data table without 编制数',
      submission: form('basic-data', ['staffingTable', 'expenseControl', 'buildingControl'])
        .set('staffing.authorized.total', null)
        .build(),
      errors: [
        {
          messageId: 'missingFigure',
          suggestion: '请在「财政供养人员情况」中写明编制数',
          data: { kind: '基础数据表', figure: '编制数', section: '财政供养人员情况' },
        },
      ],
    },
    // The whole 二、部门财政资金收支情况 part removed: one finding, not one more per missing figure.
    {
      name: 'a removed finance part is reported once',
      submission: withoutSection('finance').set('finance.income', null).set('finance.expenditure', null).build(),
      errors: [
        {
          messageId: 'missingSection',
          data: { kind: '报告', section: '部门财政资金收支情况' },
          message: '报告缺少「部门财政资金收支情况」部分',
          suggestion: '请按模板补充「部门财政资金收支情况」部分',
          // Where it was expected: between the parts found before and after it.
          evidence: [
            { label: '前一部分', ...headingAt('一、部门基本情况') },
            { label: '后一部分', ...headingAt('三、部门整体绩效管理情况') },
          ],
        },
      ],
    },
    // No scoring table: the table total is necessarily missing too, and not reported separately.
    {
      name: 'a missing scoring table is reported once',
      submission: withoutSection('scoringTable').set('scoring.tableTotal', null).build(),
      errors: [
        {
          messageId: 'missingSection',
          suggestion: '请按模板补充「部门整体绩效自评打分表」部分',
          data: { kind: '报告', section: '部门整体绩效自评打分表' },
          // The last part of the template: only the part before it points the way.
          evidence: [{ label: '前一部分', ...headingAt('四、评价结论及建议') }],
        },
      ],
    },
    // The finance part is there, but 收入总额 could not be found in it.
    {
      name: 'a finance part without 收入总额',
      submission: submission().set('finance.income', null).build(),
      errors: [
        {
          messageId: 'missingFigure',
          data: { kind: '报告', figure: '收入总额', section: '部门财政资金收支情况' },
          message: '报告未写明收入总额',
          suggestion: '请在「部门财政资金收支情况」中写明收入总额',
          evidence: [{ label: '应写明的部分', ...headingAt('二、部门财政资金收支情况') }],
        },
      ],
    },
    // Neither 支出总额 nor 部门整体自评得分 found: two findings, in catalogue order of the figures.
    {
      name: 'missing 支出总额 and 部门整体自评得分 are both reported',
      submission: submission().set('finance.expenditure', null).set('scoring.tableTotal', null).build(),
      errors: [
        {
          messageId: 'missingFigure',
          suggestion: '请在「部门财政资金收支情况」中写明支出总额',
          data: { kind: '报告', figure: '支出总额', section: '部门财政资金收支情况' },
        },
        {
          messageId: 'missingFigure',
          suggestion: '请在「部门整体绩效自评打分表」中写明部门整体自评得分',
          data: { kind: '报告', figure: '部门整体自评得分', section: '部门整体绩效自评打分表' },
          // The table's own cell has no figure of its own: the part's name stands for its text.
          evidence: [
            {
              label: '应写明的部分',
              value: null,
              text: '部门整体绩效自评打分表',
              location: { table: 0, row: 0, column: 0 },
            },
          ],
        },
      ],
    },
    // Two narrative parts missing.
    {
      name: 'missing 部门基本情况 and 部门整体绩效管理情况',
      submission: withoutSection('basicInfo')
        .mutate((s) => {
          s.extraction.sections.performance = null;
        })
        .build(),
      errors: [
        {
          messageId: 'missingSection',
          suggestion: '请按模板补充「部门基本情况」部分',
          data: { kind: '报告', section: '部门基本情况' },
          // The title is a part too; its text is not among the hand-built sentences, so its name stands in.
          evidence: [
            {
              label: '前一部分',
              text: '标题（部门整体绩效自评报告）',
              location: paragraphOf('平等乡人民政府部门整体绩效自评报告'),
            },
            { label: '后一部分', ...headingAt('二、部门财政资金收支情况') },
          ],
        },
        {
          messageId: 'missingSection',
          suggestion: '请按模板补充「部门整体绩效管理情况」部分',
          data: { kind: '报告', section: '部门整体绩效管理情况' },
          evidence: [
            { label: '前一部分', ...headingAt('二、部门财政资金收支情况') },
            { label: '后一部分', ...headingAt('四、评价结论及建议') },
          ],
        },
      ],
    },
    // Nothing of the template recognised but the scoring table: the document's own level-1 headings show what it has.
    {
      name: 'a report whose parts are all unrecognised',
      submission: submission()
        .mutate((s) => {
          for (const key of ['title', 'basicInfo', 'finance', 'performance', 'conclusion', 'scoringTable'] as const)
            s.extraction.sections[key] = null;
          s.report.scoring.tableTotal = null;
          delete s.extraction.evidence['scoring.tableTotal'];
        })
        .build(),
      options: { sections: ['finance'] },
      errors: [
        {
          messageId: 'missingSection',
          suggestion: '请按模板补充「部门财政资金收支情况」部分',
          data: { kind: '报告', section: '部门财政资金收支情况' },
          evidence: [
            { label: '已有一级标题', ...headingAt('一、部门基本情况') },
            { label: '已有一级标题', ...headingAt('二、部门财政资金收支情况') },
            { label: '已有一级标题', ...headingAt('三、部门整体绩效管理情况') },
            { label: '已有一级标题', ...headingAt('四、评价结论及建议') },
          ],
        },
        // The table total is missing and its part is not required: the same headings show where to look.
        {
          messageId: 'missingFigure',
          suggestion: '请在「部门整体绩效自评打分表」中写明部门整体自评得分',
          data: { kind: '报告', figure: '部门整体自评得分', section: '部门整体绩效自评打分表' },
          evidenceCount: 4,
        },
      ],
    },
  ],
});
