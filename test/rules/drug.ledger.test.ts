/** drug.ledger: ledgerCount = 涉毒人员 − 死亡; Σ control levels ≤ living persons. */
import rule from '../../rules/drug.ledger.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const d = 'facts.drugControl';

ruleTester.run(rule, {
  valid: [
    // The seed: 21 ledgers = 25 − 4; 3 + 14 = 17 ≤ 21.
    { name: 'the seed has a ledger for every living person', submission: submission().build() },
    // Without 死亡 the number of living persons is unknown.
    {
      name: 'an unstated death count keeps the rule silent',
      submission: submission().set(`${d}.deceased`, null).set(`${d}.ledgerCount`, 30).build(),
    },
    // Control levels covering every living person exactly.
    {
      name: 'control levels may cover every living person',
      submission: submission().set(`${d}.controlLevels.1.count`, 18).build(),
    },
    // An approximate ledger count (20余个) never fails.
    {
      name: 'an approximate ledger count never fails',
      submission: submission().set(`${d}.ledgerCount`, 20, { approximate: true }).build(),
    },
  ],
  invalid: [
    // Ledgers for 19 of 21 living persons.
    {
      name: 'fewer ledgers than living persons',
      submission: submission().set(`${d}.ledgerCount`, 19).build(),
      errors: [
        {
          messageId: 'ledgerMismatch',
          data: { registered: '25人', deceased: '4人', living: '21人', ledger: '19个' },
          message: '涉毒人员25人、死亡4人，在世21人，但建立台账的为19个',
          suggestion: '请核对台账人数，应为21人',
          evidenceCount: 3,
        },
      ],
    },
    // Ledgers kept for the deceased too (25 instead of 21).
    {
      name: 'ledgers counted for the deceased as well',
      submission: submission().set(`${d}.ledgerCount`, 25).build(),
      errors: [
        {
          messageId: 'ledgerMismatch',
          suggestion: '请核对台账人数，应为21人',
          data: { registered: '25人', deceased: '4人', living: '21人', ledger: '25个' },
        },
      ],
    },
    // 3 + 20 under control but only 21 living.
    {
      name: 'more persons under control than living',
      submission: submission().set(`${d}.controlLevels.1.count`, 20).build(),
      errors: [
        {
          messageId: 'levelsExceed',
          suggestion: '请核对各管控等级人数',
          data: { registered: '25人', deceased: '4人', living: '21人', levels: '23人' },
          message: '各管控等级人数合计23人，超过在世涉毒人员21人（涉毒人员25人、死亡4人）',
          evidenceCount: 4,
        },
      ],
    },
    // Both problems at once: two findings.
    {
      name: 'a wrong ledger count and too many under control',
      submission: submission().set(`${d}.ledgerCount`, 18).set(`${d}.controlLevels.0.count`, 10).build(),
      errors: [
        {
          messageId: 'ledgerMismatch',
          suggestion: '请核对台账人数，应为21人',
          data: { registered: '25人', deceased: '4人', living: '21人', ledger: '18个' },
        },
        {
          messageId: 'levelsExceed',
          suggestion: '请核对各管控等级人数',
          data: { registered: '25人', deceased: '4人', living: '21人', levels: '24人' },
        },
      ],
    },
  ],
});
