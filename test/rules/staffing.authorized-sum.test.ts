/** staffing.authorized-sum: 总编制 = 行政编制 + 工勤编制 + 事业编制. */
import rule from '../../rules/staffing.authorized-sum.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const base = 'staffing.authorized';

ruleTester.run(rule, {
  valid: [
    // The seed: 31 = 17 + 0 + 14.
    { name: 'the seed adds up', submission: submission().build() },
    // A category not stated (null) leaves nothing to check: the rule stays silent.
    {
      name: 'an unstated category keeps the rule silent',
      submission: submission().set(`${base}.service`, null).build(),
    },
    // An approximate total (约31名) never makes the rule fail.
    {
      name: 'an approximate total never fails',
      submission: submission().set(`${base}.total`, 35, { approximate: true }).build(),
    },
    // Different but consistent figures.
    {
      name: 'other consistent figures add up',
      submission: submission()
        .set(`${base}.total`, 40)
        .set(`${base}.service`, 2)
        .set(`${base}.institutional`, 21)
        .build(),
    },
  ],
  invalid: [
    // One more 行政编制 than the total allows.
    {
      name: 'the parts exceed the total',
      submission: submission().set(`${base}.administrative`, 18).build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { total: '31名', administrative: '18名', service: '0名', institutional: '14名', sum: '32名' },
          message: '总编制31名，但行政编制18名、工勤编制0名、事业编制14名合计32名',
          suggestion: '总编制应为32名，或核对各类编制数',
          evidenceCount: 4,
        },
      ],
    },
    // The total is larger than the parts.
    {
      name: 'the parts fall short of the total',
      submission: submission().set(`${base}.total`, 35).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '总编制应为31名，或核对各类编制数',
          data: { total: '35名', administrative: '17名', service: '0名', institutional: '14名', sum: '31名' },
        },
      ],
    },
    // 工勤编制 stated as 3 while the total was not changed.
    {
      name: 'a non-zero 工勤编制 breaks the sum',
      submission: submission().set(`${base}.service`, 3).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '总编制应为34名，或核对各类编制数',
          data: { total: '31名', administrative: '17名', service: '3名', institutional: '14名', sum: '34名' },
        },
      ],
    },
  ],
});
