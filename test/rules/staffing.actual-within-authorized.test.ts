/** staffing.actual-within-authorized: 在职 ≤ 编制, in total and per category. */
import rule from '../../rules/staffing.actual-within-authorized.js';
import { basicData } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

ruleTester.run(rule, {
  valid: [
    // The seed: 22 ≤ 31, 14 ≤ 17, 0 ≤ 0, 8 ≤ 14.
    { name: 'the seed is within its establishment', submission: submission().build() },
    // Exactly full is not over.
    {
      name: 'a full establishment is not over it',
      submission: submission().set('staffing.actual.administrative', 17).build(),
    },
    // A category stated on one side only cannot be compared.
    {
      name: 'a category stated on one side only is skipped',
      submission: submission()
        .set('staffing.authorized.institutional', null)
        .set('staffing.actual.institutional', 20)
        .build(),
    },
  ],
  invalid: [
    // 行政19名 in post against 17 行政编制.
    {
      name: 'more 行政 staff than 行政编制',
      submission: submission().set('staffing.actual.administrative', 19).build(),
      errors: [
        {
          messageId: 'exceeds',
          suggestion: '请核对行政在职人数与行政编制，超编情况应予说明',
          data: {
            actualLabel: '行政在职人数',
            actual: '19名',
            authorizedLabel: '行政编制',
            authorized: '17名',
            excess: '2名',
          },
          message: '行政在职人数19名，超过行政编制17名（超出2名）',
          evidenceCount: 2,
        },
      ],
    },
    // 工勤 staff without any 工勤编制.
    {
      name: '工勤 staff without 工勤编制',
      submission: submission().set('staffing.actual.service', 1).build(),
      errors: [
        {
          messageId: 'exceeds',
          suggestion: '请核对工勤在职人数与工勤编制，超编情况应予说明',
          data: {
            actualLabel: '工勤在职人数',
            actual: '1名',
            authorizedLabel: '工勤编制',
            authorized: '0名',
            excess: '1名',
          },
        },
      ],
    },
    // Over in total and in 事业: two findings, total first.
    {
      name: 'over in total and in one category',
      submission: submission().set('staffing.actual.total', 33).set('staffing.actual.institutional', 19).build(),
      errors: [
        {
          messageId: 'exceeds',
          suggestion: '请核对在职人员总数与总编制，超编情况应予说明',
          data: {
            actualLabel: '在职人员总数',
            actual: '33名',
            authorizedLabel: '总编制',
            authorized: '31名',
            excess: '2名',
          },
        },
        {
          messageId: 'exceeds',
          suggestion: '请核对事业在职人数与事业编制，超编情况应予说明',
          data: {
            actualLabel: '事业在职人数',
            actual: '19名',
            authorizedLabel: '事业编制',
            authorized: '14名',
            excess: '5名',
          },
        },
      ],
    },
  ],
});

/** On the basic-data table (SPEC §8): 实际在职人数 ≤ 编制数. */
ruleTester.run(rule, {
  valid: [
    {
      name: 'a basic-data table with 44 in post of 46',
      submission: basicData().set('staffing.actual.total', 44).build(),
    },
  ],
  invalid: [
    // The real case: 50 in post against an establishment of 46 (控制率 108.70%, correctly stated).
    {
      name: 'the real case: 50 in post of 46',
      submission: basicData().build(),
      errors: [
        {
          messageId: 'exceeds',
          suggestion: '请核对在职人员总数与总编制，超编情况应予说明',
          data: {
            actualLabel: '在职人员总数',
            actual: '50人',
            authorizedLabel: '总编制',
            authorized: '46人',
            excess: '4人',
          },
        },
      ],
    },
  ],
});
