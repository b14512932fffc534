/** text.breakdown-sum: the parts of a 「共N…，其中…」 clause do not exceed its total. */
import rule from '../../rules/text.breakdown-sum.js';
import type { FigureOptions } from './support/figures.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const saying = (text: string, options?: FigureOptions) =>
  submission().withoutSentences().sentence(text, options).build();

const drugClause = '我乡涉毒人员25人，14人戒断3年无复吸，其中二级管控3人、三级管控14人。';

ruleTester.run(rule, {
  valid: [
    // The seed's sentences, including the drug clause its typed extractor took.
    { name: 'the seed passes', submission: submission().build() },
    // A lone part within the total.
    {
      name: 'a part within the total',
      submission: saying('今年来，共调处各类矛盾纠纷25起，其中疑难纠纷3起，调处率100%，成功率达96%。'),
    },
    // Several parts within the total (they need not cover every category).
    { name: 'parts adding up to less than the total', submission: saying('共培训159人，其中妇女80人、党员40人。') },
    // The drug clause taken by the typed extractor is left to drug.* rules (3 + 14 > 14 is not a text finding).
    {
      name: 'a clause taken by a typed extractor is skipped',
      submission: saying(drugClause, {
        usedBy: {
          '25人': 'facts.drugControl.registered',
          '14人#1': 'facts.drugControl.abstinent',
          '3人': 'facts.drugControl.controlLevels.0.count',
          '14人#2': 'facts.drugControl.controlLevels.1.count',
        },
      }),
    },
    // The parts end at the first unlike figure: 惠及群众300人 after the money is not a part.
    {
      name: 'the parts end at the first figure of another unit',
      submission: saying('共培训159人，其中妇女80人、党员40人，发放补贴5万元，惠及群众300人。'),
    },
    // An approximate total (20余次) never fails.
    { name: 'an approximate total never fails', submission: saying('共开展安全宣传20余次，其中进校园30次。') },
    // Parts in another unit than any figure before 其中 have no total to compare with.
    { name: 'parts of another unit are not compared', submission: saying('共发放资金50万元，其中受益群众600人。') },
  ],
  invalid: [
    // SPEC's example: 30 difficult disputes out of 25.
    {
      name: 'a lone part larger than the total',
      submission: saying('今年来，共调处各类矛盾纠纷25起，其中疑难纠纷30起，调处率100%。'),
      errors: [
        {
          messageId: 'partExceeds',
          data: { clause: '共调处各类矛盾纠纷25起，其中疑难纠纷30起', total: '25起', parts: '30起', sum: '30起' },
          message: '「共调处各类矛盾纠纷25起，其中疑难纠纷30起」中，分项30起超过总数25起',
          suggestion: '请核对总数和各分项数字',
          evidenceCount: 2,
        },
      ],
    },
    // Two parts that together exceed the total.
    {
      name: 'parts adding up to more than the total',
      submission: saying('共培训159人，其中妇女80人、党员90人。'),
      errors: [
        {
          messageId: 'partsExceed',
          data: { clause: '共培训159人，其中妇女80人、党员90人', total: '159人', parts: '80人、90人', sum: '170人' },
          message: '「共培训159人，其中妇女80人、党员90人」中，各分项80人、90人合计170人，超过总数159人',
          evidenceCount: 3,
        },
      ],
    },
    // Money in 万元: 150 + 80 = 230万元 > 205万元.
    {
      name: 'money parts in 万元',
      submission: saying('兑现奖补资金205万元，其中中央资金150万元、省级资金80万元。'),
      errors: [
        {
          messageId: 'partsExceed',
          data: {
            clause: '兑现奖补资金205万元，其中中央资金150万元、省级资金80万元',
            total: '205万元',
            parts: '150万元、80万元',
            sum: '230万元',
          },
        },
      ],
    },
    // 人 and 名 count the same persons.
    {
      name: '人 and 名 are the same unit',
      submission: saying('共有志愿者30人，其中党员35名。'),
      errors: [
        {
          messageId: 'partExceeds',
          data: { clause: '共有志愿者30人，其中党员35名', total: '30人', parts: '35名', sum: '35人' },
        },
      ],
    },
    // The same drug clause when no typed extractor took it is an ordinary breakdown.
    {
      name: 'an untaken clause is checked like any other',
      submission: saying(drugClause),
      errors: [
        {
          messageId: 'partsExceed',
          data: {
            clause: '14人戒断3年无复吸，其中二级管控3人、三级管控14人',
            total: '14人',
            parts: '3人、14人',
            sum: '17人',
          },
        },
      ],
    },
  ],
});
