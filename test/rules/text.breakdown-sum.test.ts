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
    // The audit's case: 女党员 and 少数民族党员 overlap (35 + 96 > 120 is no contradiction); each is within 120.
    {
      name: 'parts naming different attributes are not added up',
      submission: saying('全乡党员120名，其中女党员35名、少数民族党员96名。'),
    },
    // 妇女 and 党员 cross-cut the trainees (was reported as 80 + 90 > 159 before the audit: a false warning).
    {
      name: 'women and party members among trainees overlap',
      submission: saying('共培训159人，其中妇女80人、党员90人。'),
    },
    // Sex splits the staff (30 + 15 = 45); age and education are further attributes of the same people.
    {
      name: 'a split by sex beside age and education groups',
      submission: saying('全乡共有干部职工45人，其中男性30人、女性15人，35岁以下12人，大专以上学历40人。'),
    },
    // Three attributes of party members: sex, ethnicity, veterans.
    {
      name: 'party members by sex, ethnicity and service',
      submission: saying('共有党员86名，其中：女党员20名，少数民族党员60名，退役军人党员8名。'),
    },
    // 分别 lists the parts after their names: they are held to the total one by one.
    {
      name: 'parts given with 分别 are only held to the total one by one',
      submission: saying('全乡党员120名，其中女党员、少数民族党员分别为35名、96名。'),
    },
    // Elderly, disabled and veterans among the visited: one person may be all three.
    {
      name: 'groups of people in need overlap',
      submission: saying('慰问困难群众80人，其中老党员30人、残疾人20人、退役军人40人。'),
    },
    // Assistance statuses overlap (a 低保户 may also be a 脱贫户): 800 + 30 + 700 > 1500 is no contradiction.
    {
      name: 'households by assistance status overlap',
      submission: saying('全乡共有农户1500户，其中脱贫户800户、监测户30户、低保户700户。'),
    },
    // 1.2万人 and 人 count the same persons: 8000 + 4000 fits 1.2万 (±500).
    { name: 'a total in 万人 holds parts in 人', submission: saying('全乡人口1.2万人，其中彝族8000人、汉族4000人。') },
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
    // Two parts of one kind (neither names an attribute of a person) that together exceed the total.
    {
      name: 'parts adding up to more than the total',
      submission: saying('共调处各类矛盾纠纷25起，其中疑难纠纷10起、邻里纠纷20起。'),
      errors: [
        {
          messageId: 'partsExceed',
          suggestion: '请核对总数和各分项数字',
          data: {
            clause: '共调处各类矛盾纠纷25起，其中疑难纠纷10起、邻里纠纷20起',
            total: '25起',
            parts: '10起、20起',
            sum: '30起',
          },
          message:
            '「共调处各类矛盾纠纷25起，其中疑难纠纷10起、邻里纠纷20起」中，各分项10起、20起合计30起，超过总数25起',
          evidenceCount: 3,
        },
      ],
    },
    // 女党员 and 男党员 split the party members by sex: 35 + 90 > 120.
    {
      name: 'parts splitting the total by one attribute are added up',
      submission: saying('全乡党员120名，其中女党员35名、男党员90名。'),
      errors: [
        {
          messageId: 'partsExceed',
          suggestion: '请核对总数和各分项数字',
          data: {
            clause: '全乡党员120名，其中女党员35名、男党员90名',
            total: '120名',
            parts: '35名、90名',
            sum: '125名',
          },
          evidenceCount: 3,
        },
      ],
    },
    // Overlapping attributes are still each held to the total: 130 少数民族党员 out of 120.
    {
      name: 'one overlapping part larger than the total',
      submission: saying('全乡党员120名，其中女党员35名、少数民族党员130名。'),
      errors: [
        {
          messageId: 'partExceeds',
          suggestion: '请核对总数和各分项数字',
          data: {
            clause: '全乡党员120名，其中女党员35名、少数民族党员130名',
            total: '120名',
            parts: '130名',
            sum: '130名',
          },
          message: '「全乡党员120名，其中女党员35名、少数民族党员130名」中，分项130名超过总数120名',
          evidenceCount: 2,
        },
      ],
    },
    // 分别 does not excuse a part larger than the total.
    {
      name: 'a part given with 分别 larger than the total',
      submission: saying('全乡党员120名，其中女党员、少数民族党员分别为35名、126名。'),
      errors: [
        {
          messageId: 'partExceeds',
          suggestion: '请核对总数和各分项数字',
          data: {
            clause: '全乡党员120名，其中女党员、少数民族党员分别为35名、126名',
            total: '120名',
            parts: '126名',
            sum: '126名',
          },
        },
      ],
    },
    // The split by sex exceeds the staff; the age group beside it is not added in (30 + 20 > 45, not 30 + 20 + 12).
    {
      name: 'a split by sex beside an age group',
      submission: saying('全乡共有干部职工45人，其中男性30人、女性20人，35岁以下12人。'),
      errors: [
        {
          messageId: 'partsExceed',
          suggestion: '请核对总数和各分项数字',
          data: {
            clause: '全乡共有干部职工45人，其中男性30人、女性20人，35岁以下12人',
            total: '45人',
            parts: '30人、20人',
            sum: '50人',
          },
        },
      ],
    },
    // Labels after the number (「30人为女性」) name the attribute too; the excerpt keeps the last label.
    {
      name: 'a split by sex with labels after the numbers',
      submission: saying('全村劳动力500人，其中30人为女性、480人为男性。'),
      errors: [
        {
          messageId: 'partsExceed',
          suggestion: '请核对总数和各分项数字',
          data: {
            clause: '全村劳动力500人，其中30人为女性、480人为男性',
            total: '500人',
            parts: '30人、480人',
            sum: '510人',
          },
        },
      ],
    },
    // Ethnic groups split the population; the sum in 万人 is shown in the total's unit.
    {
      name: 'a split by ethnicity in 万人',
      submission: saying('全乡人口1.2万人，其中彝族9000人、汉族4000人。'),
      errors: [
        {
          messageId: 'partsExceed',
          suggestion: '请核对总数和各分项数字',
          data: {
            clause: '全乡人口1.2万人，其中彝族9000人、汉族4000人',
            total: '1.2万人',
            parts: '9000人、4000人',
            sum: '1.3万人',
          },
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
          suggestion: '请核对总数和各分项数字',
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
          suggestion: '请核对总数和各分项数字',
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
          suggestion: '请核对总数和各分项数字',
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
