/** text.rate: a stated rate must be reachable as k/n from a count stated before it. */
import rule from '../../rules/text.rate.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const saying = (text: string) => submission().withoutSentences().sentence(text).build();

ruleTester.run(rule, {
  valid: [
    // The seed's sentences: 24/25 = 96%, 24/24 = 100%; the bound 「小于100%」 and the 2024 rate with no count are skipped.
    { name: 'the seed passes', submission: submission().build() },
    // 24/25 = 96% exactly.
    {
      name: '96% of 25 is 24',
      submission: saying('共调处各类矛盾纠纷25起，其中疑难纠纷3起，调处率100%，成功率达96%。'),
    },
    // 6/7 = 85.714…%, within 85.7% ± 0.05%.
    { name: 'a rate with a decimal is read to its precision', submission: saying('共培训7人，合格率85.7%。') },
    // Rates that are bounds, not measurements.
    { name: 'a bound with 小于 is skipped', submission: saying('共办理24件，编制内在职人员控制率小于97%。') },
    { name: 'a bound with 以上 is skipped', submission: saying('共办理24件，满意率97%以上。') },
    // No count before the rate: nothing to divide.
    {
      name: 'a rate with a count only after it is skipped',
      submission: saying('医疗保险参保率83.79%，参保人数400人。'),
    },
    // Growth rates are not shares of a count.
    { name: 'a growth rate is skipped', submission: saying('全年接待游客1200人，同比增长率7%。') },
    // An approximate count before the rate may be its base: not checked.
    {
      name: 'an approximate count before the rate',
      submission: saying('共调处各类矛盾纠纷20余起，其中疑难纠纷4起，调处率100%，成功率达96%。'),
    },
    // An approximate rate never fails.
    { name: 'an approximate rate never fails', submission: saying('调处25起，成功率约97%。') },
  ],
  invalid: [
    // SPEC's example: 24/25 = 96%, 25/25 = 100%, so 97% cannot be.
    {
      name: '97% of 25 disputes',
      submission: saying('调处25起，成功率97%。'),
      errors: [
        {
          messageId: 'unreachable',
          data: {
            label: '成功率',
            rate: '97%',
            base: '25起',
            baseCount: 25,
            lowerCount: 24,
            upperCount: 25,
            lower: '96%',
            upper: '100%',
          },
          message: '成功率97%无法由25起按整数算出：24/25=96%，25/25=100%',
          suggestion: '请核对成功率和件数，如24/25应写作96%',
          evidenceCount: 2,
        },
      ],
    },
    // 22/24 = 91.7%, 23/24 = 95.8%: 95% is neither.
    {
      name: '95% of 24 letters',
      submission: saying('共办理上级交办来信来访来电24件，办结率95%。'),
      errors: [
        {
          messageId: 'unreachable',
          suggestion: '请核对办结率和件数，如22/24应写作91.7%',
          data: {
            label: '办结率',
            rate: '95%',
            base: '24件',
            baseCount: 24,
            lowerCount: 22,
            upperCount: 23,
            lower: '91.7%',
            upper: '95.8%',
          },
        },
      ],
    },
    // With one decimal: 85.5% of 7 is neither 5/7 = 71.43% nor 6/7 = 85.71%.
    {
      name: 'a rate with a decimal that no count gives',
      submission: saying('共培训7人，合格率85.5%。'),
      errors: [
        {
          messageId: 'unreachable',
          suggestion: '请核对合格率和件数，如5/7应写作71.43%',
          data: {
            label: '合格率',
            rate: '85.5%',
            base: '7人',
            baseCount: 7,
            lowerCount: 5,
            upperCount: 6,
            lower: '71.43%',
            upper: '85.71%',
          },
        },
      ],
    },
    // Every count before the rate is tried as a base; none gives 97%.
    {
      name: 'no count before the rate gives it',
      submission: saying('共调处各类矛盾纠纷25起，其中疑难纠纷3起，成功率97%。'),
      errors: [
        {
          messageId: 'unreachable',
          suggestion: '请核对成功率和件数，如24/25应写作96%',
          data: {
            label: '成功率',
            rate: '97%',
            base: '25起',
            baseCount: 25,
            lowerCount: 24,
            upperCount: 25,
            lower: '96%',
            upper: '100%',
          },
        },
      ],
    },
  ],
});
