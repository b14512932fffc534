/** text.year-mismatch: a figure dated in another year than the report's. */
import rule from '../../rules/text.year-mismatch.js';
import { findTestFigures } from './support/figures.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

// The sentence alone, outside any part: the builder puts it after the seed's last heading, 四（三）改进建议.
const saying = (text: string) =>
  submission()
    .withoutSentences()
    .mutate((s) => {
      s.extraction.headings = [];
    })
    .sentence(text)
    .build();

/** The seed's headings and one sentence right after the heading whose text has `part`. */
function sayingUnder(part: string, text: string, extraHeading?: string) {
  return submission()
    .withoutSentences()
    .mutate((s) => {
      const heading = s.extraction.headings.find((h) => h.text.includes(part))!;
      let paragraph = heading.location.paragraph + 1;
      if (extraHeading !== undefined) {
        s.extraction.headings.push({
          marker: '五、',
          level: 1,
          number: 5,
          text: extraHeading,
          location: { page: null, paragraph },
        });
        paragraph++;
      }
      s.extraction.sentences.push({
        text,
        location: { page: null, paragraph },
        offset: 0,
        figures: findTestFigures(text),
      });
    })
    .build();
}

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
    // A date (a form's 填报日期 in the next year) dates no figure: its month and day are not figures of 2024.
    { name: 'a filing date in the next year', submission: saying('填报日期：2024年3月15日') },
    // A comparison with an earlier year.
    { name: 'a comparison with an earlier year', submission: saying('低保户较2022年减少15户。') },
    // A span reaching into the report year.
    { name: 'a span since an earlier year', submission: saying('2021年以来共建成道路12公里，惠及群众3000人。') },
    // A year with no figure in its clause.
    { name: 'a year with no figure in its clause', submission: saying('2022年启动的项目，今年完成投资50万元。') },
    // Plans and targets for a later year are not another year's performance.
    { name: 'a plan for the next year', submission: saying('2024年计划新增就业岗位100个。') },
    { name: 'a target introduced by 力争', submission: saying('力争2024年实现集体经济收入500万元。') },
    { name: 'an estimate introduced by 预计', submission: saying('预计2024年医疗保险参保率达到95%。') },
    { name: 'a year followed by 将', submission: saying('2024年将新建产业路3公里，惠及群众1200人。') },
    { name: 'a target after the year', submission: saying('2024年目标完成造林500亩。') },
    // A 下一步 paragraph is about what comes next, all of it.
    {
      name: 'a paragraph opening with 下一步',
      submission: saying('下一步，我乡将持续巩固脱贫成果。2024年新增就业岗位100个，医疗保险参保率95%。'),
    },
    // The 改进建议 part under 四、评价结论及建议 (the seed's 四（三）) holds suggestions, not results.
    {
      name: 'a dated figure in the 改进建议 part',
      submission: sayingUnder('改进建议', '2024年资金结余率控制在5%以内，培训财务人员20人。'),
    },
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
    // One year dating two figures in its clause: one finding for the clause, with both figures as evidence (was one per figure).
    {
      name: 'a year dating two figures',
      submission: saying('2022年发放资金20万元、惠及300人。'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: {
            excerpt: '2022年发放资金20万元、惠及300人',
            label: '发放资金、惠及',
            figure: '20万元、300人',
            year: 2022,
            reportYear: 2023,
          },
          evidenceCount: 3,
        },
      ],
    },
    // The audit's case: 「2022年新增5户19人」 is one dated group, not 「2022年新增5户」 and 「2022年新增5户19人」.
    {
      name: 'households and persons after one year',
      submission: saying('2022年新增5户19人。'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2022年新增5户19人', label: '新增', figure: '5户、19人', year: 2022, reportYear: 2023 },
          message: '「2022年新增5户19人」所述为2022年的数据，与报告年度2023年不符',
          evidenceCount: 3,
        },
      ],
    },
    // Two years in one sentence, each with its own clause: one finding each.
    {
      name: 'two dated clauses in one sentence',
      submission: saying('2022年新增监测户5户，2021年新增3户。'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2022年新增监测户5户', label: '新增监测户', figure: '5户', year: 2022, reportYear: 2023 },
        },
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2021年新增3户', label: '新增', figure: '3户', year: 2021, reportYear: 2023 },
        },
      ],
    },
    // A forward word in an earlier clause does not excuse a later year's result in its own clause.
    {
      name: 'a later year’s result after a plan in another clause',
      submission: saying('全乡计划完成造林500亩，2024年医疗保险参保率83.79%。'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: {
            excerpt: '2024年医疗保险参保率83.79%',
            label: '医疗保险参保率',
            figure: '83.79%',
            year: 2024,
            reportYear: 2023,
          },
        },
      ],
    },
    // An earlier year stays dated even with 计划: it is that year's plan figure, not this year's.
    {
      name: 'an earlier year’s plan is still another year’s figure',
      submission: saying('2022年计划投资50万元。'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2022年计划投资50万元', label: '计划投资', figure: '50万元', year: 2022, reportYear: 2023 },
        },
      ],
    },
    // 「雨露计划34人」 names a programme: 计划 right before the figure is no plan.
    {
      name: 'a programme named 计划 is no plan',
      submission: saying('2024年雨露计划34人。'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2024年雨露计划34人', label: '雨露计划', figure: '34人', year: 2024, reportYear: 2023 },
        },
      ],
    },
    // The part after 改进建议 is no longer about plans: its dated figures count again.
    {
      name: 'a dated figure in a part after 改进建议',
      submission: sayingUnder('改进建议', '2022年新增监测户5户。', '五、其他需要说明的情况'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2022年新增监测户5户', label: '新增监测户', figure: '5户', year: 2022, reportYear: 2023 },
        },
      ],
    },
    // 一、部门基本情况 is a report of results: the same sentence there is dated.
    {
      name: 'a dated figure in 部门基本情况',
      submission: sayingUnder('部门基本情况', '2022年新增监测户5户。'),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2022年新增监测户5户', label: '新增监测户', figure: '5户', year: 2022, reportYear: 2023 },
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
          s.extraction.headings = [];
        })
        .sentence('2023年度部门收入总额801.86万元。')
        .build(),
      errors: [
        {
          messageId: 'otherYear',
          suggestion: '请核实该数据是否为2024年度数据',
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
          suggestion: '请核实该数据是否为2023年度数据',
          data: { excerpt: '2021年低保户212户', label: '低保户', figure: '212户', year: 2021, reportYear: 2023 },
        },
      ],
    },
  ],
});
