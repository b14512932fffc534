/** staffing.actual-sum: 在职人员总数 = 行政 + 工勤 + 事业 (离休 not included). */
import rule from '../../rules/staffing.actual-sum.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const base = 'staffing.actual';

ruleTester.run(rule, {
  valid: [
    // The seed: 22 = 14 + 0 + 8.
    { name: 'the seed adds up', submission: submission().build() },
    // 离休/退休 persons are not 在职 and are not part of the sum.
    { name: 'retired staff are not counted', submission: submission().set(`${base}.retired`, 5).build() },
    // Without 事业 in-post numbers nothing can be checked.
    {
      name: 'an unstated category keeps the rule silent',
      submission: submission().set(`${base}.institutional`, null).build(),
    },
    // An approximate part never makes the rule fail.
    {
      name: 'an approximate part never fails',
      submission: submission().set(`${base}.institutional`, 9, { approximate: true }).build(),
    },
  ],
  invalid: [
    // 事业9名 where 8 would add up.
    {
      name: 'the parts exceed the total',
      submission: submission().set(`${base}.institutional`, 9).build(),
      errors: [
        {
          messageId: 'mismatch',
          data: { total: '22名', administrative: '14名', service: '0名', institutional: '9名', sum: '23名' },
          message: '在职人员总数22名，但行政14名、工勤0名、事业9名合计23名',
          suggestion: '在职人员总数应为23名，或核对各类在职人数',
          evidenceCount: 4,
        },
      ],
    },
    // The total forgets some staff.
    {
      name: 'the total is smaller than the parts',
      submission: submission().set(`${base}.total`, 20).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '在职人员总数应为22名，或核对各类在职人数',
          data: { total: '20名', administrative: '14名', service: '0名', institutional: '8名', sum: '22名' },
        },
      ],
    },
    // Written in 人 rather than 名: the message keeps the document's measure word.
    {
      name: 'the message keeps the measure word the document used',
      submission: submission()
        .set(`${base}.total`, 25, { unit: '人' })
        .evidence(`${base}.administrative`, { unit: '人' })
        .evidence(`${base}.service`, { unit: '人' })
        .evidence(`${base}.institutional`, { unit: '人' })
        .build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '在职人员总数应为22人，或核对各类在职人数',
          data: { total: '25人', administrative: '14人', service: '0人', institutional: '8人', sum: '22人' },
        },
      ],
    },
  ],
});
