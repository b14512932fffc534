/** text.year-mismatch: a figure dated in another year than the report's. */
import rule from '../../rules/text.year-mismatch.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const saying = (text: string) => submission().withoutSentences().sentence(text).build();

ruleTester.run(rule, {
  valid: [
    // The report's own year dates its figures.
    { name: 'a figure of the report year', submission: saying('2023年医疗保险参保率98.5%，落实“三免两补”400人。') },
    // A year inside a document title (《…2022年度…的通知》) dates nothing.
    {
      name: 'a year inside a document title',
      submission: saying(
        '根据《峨边彝族自治县财政局关于开展2022年度部门整体支出绩效评价工作的通知》文件精神，绩效评价得分：97分。',
      ),
    },
    // A comparison with an earlier year.
    { name: 'a comparison with an earlier year', submission: saying('低保户较2022年减少15户。') },
    // A span reaching into the report year.
    { name: 'a span since an earlier year', submission: saying('2021年以来共建成道路12公里，惠及群众3000人。') },
    // A year with no figure in its clause.
    { name: 'a year with no figure in its clause', submission: saying('2022年启动的项目，今年完成投资50万元。') },
    // Without a report year there is nothing to compare.
    {
      name: 'a report without a year',
      submission: submission()
        .mutate((s) => {
          s.report.year = null;
        })
        .build(),
    },
  ],
  invalid: [
    // The seed: 「2024年医疗保险参保率83.79%」 in a 2023 report, and nothing else.
    {
      name: 'the seed dates one figure in 2024',
      submission: submission().build(),
      errors: [
        {
          messageId: 'otherYear',
          data: {
            excerpt: '2024年医疗保险参保率83.79%',
            label: '医疗保险参保率',
            figure: '83.79%',
            year: 2024,
            reportYear: 2023,
          },
          message: '「2024年医疗保险参保率83.79%」所述为2024年的数据，与报告年度2023年不符',
          suggestion: '请核实该数据是否为2023年度数据',
          evidenceCount: 2,
        },
      ],
    },
    // One year dating two figures in its clause: one finding per figure.
    {
      name: 'a year dating two figures',
      submission: saying('2022年发放资金20万元、惠及300人。'),
      errors: [
        {
          messageId: 'otherYear',
          data: { excerpt: '2022年发放资金20万元', label: '发放资金', figure: '20万元', year: 2022, reportYear: 2023 },
        },
        {
          messageId: 'otherYear',
          data: {
            excerpt: '2022年发放资金20万元、惠及300人',
            label: '惠及',
            figure: '300人',
            year: 2022,
            reportYear: 2023,
          },
        },
      ],
    },
    // A 2024 report quoting 2023 figures.
    {
      name: 'last year’s figure in a later report',
      submission: submission()
        .withoutSentences()
        .mutate((s) => {
          s.report.year = 2024;
        })
        .sentence('2023年度部门收入总额801.86万元。')
        .build(),
      errors: [
        {
          messageId: 'otherYear',
          data: {
            excerpt: '2023年度部门收入总额801.86万元',
            label: '部门收入总额',
            figure: '801.86万元',
            year: 2023,
            reportYear: 2024,
          },
        },
      ],
    },
    // Only the clause after the year is dated: the figure after the comma is not.
    {
      name: 'only the year’s own clause is dated',
      submission: saying('2021年低保户212户，今年新增监测户6户。'),
      errors: [
        {
          messageId: 'otherYear',
          data: { excerpt: '2021年低保户212户', label: '低保户', figure: '212户', year: 2021, reportYear: 2023 },
        },
      ],
    },
  ],
});
