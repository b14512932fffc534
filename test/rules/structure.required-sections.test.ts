/** structure.required-sections: the template's parts and the figures every review needs. */
import rule from '../../rules/structure.required-sections.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

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
  ],
  invalid: [
    // The whole 二、部门财政资金收支情况 part removed: one finding, not one more per missing figure.
    {
      name: 'a removed finance part is reported once',
      submission: withoutSection('finance').set('finance.income', null).set('finance.expenditure', null).build(),
      errors: [
        {
          messageId: 'missingSection',
          data: { section: '部门财政资金收支情况' },
          message: '报告缺少「部门财政资金收支情况」部分',
          suggestion: '请按模板补充「部门财政资金收支情况」部分',
        },
      ],
    },
    // No scoring table: the table total is necessarily missing too, and not reported separately.
    {
      name: 'a missing scoring table is reported once',
      submission: withoutSection('scoringTable').set('scoring.tableTotal', null).build(),
      errors: [{ messageId: 'missingSection', data: { section: '部门整体绩效自评打分表' } }],
    },
    // The finance part is there, but 收入总额 could not be found in it.
    {
      name: 'a finance part without 收入总额',
      submission: submission().set('finance.income', null).build(),
      errors: [
        {
          messageId: 'missingFigure',
          data: { figure: '收入总额', section: '部门财政资金收支情况' },
          message: '报告未写明收入总额',
          suggestion: '请在「部门财政资金收支情况」中写明收入总额',
        },
      ],
    },
    // Neither 支出总额 nor 部门整体自评得分 found: two findings, in catalogue order of the figures.
    {
      name: 'missing 支出总额 and 部门整体自评得分 are both reported',
      submission: submission().set('finance.expenditure', null).set('scoring.tableTotal', null).build(),
      errors: [
        { messageId: 'missingFigure', data: { figure: '支出总额', section: '部门财政资金收支情况' } },
        { messageId: 'missingFigure', data: { figure: '部门整体自评得分', section: '部门整体绩效自评打分表' } },
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
        { messageId: 'missingSection', data: { section: '部门基本情况' } },
        { messageId: 'missingSection', data: { section: '部门整体绩效管理情况' } },
      ],
    },
  ],
});
