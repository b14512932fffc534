/** safety.hazards: 隐患 found = 已整改 + 正在整改. */
import rule from '../../rules/safety.hazards.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const s = 'facts.safety';

ruleTester.run(rule, {
  valid: [
    // The seed: 59 = 57 + 2.
    { name: 'the seed adds up', submission: submission().build() },
    // 「已整改57处」 with no pending count: fewer fixed than found is not an error by itself.
    {
      name: 'an unstated pending count with fewer fixed',
      submission: submission().set(`${s}.hazardsPending`, null).build(),
    },
    // All fixed: 59 = 59 + 0.
    {
      name: 'every hazard fixed',
      submission: submission().set(`${s}.hazardsFixed`, 59).set(`${s}.hazardsPending`, 0).build(),
    },
    // 发现隐患60余处 is approximate and never fails.
    {
      name: 'an approximate count never fails',
      submission: submission().set(`${s}.hazardsFound`, 60, { approximate: true }).build(),
    },
  ],
  invalid: [
    // 57 + 4 = 61 ≠ 59.
    {
      name: 'fixed and pending exceed the hazards found',
      submission: submission().set(`${s}.hazardsPending`, 4).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对发现、已整改和正在整改的隐患数',
          data: { found: '59处', fixed: '57处', pending: '4处', sum: '61处' },
          message: '发现安全隐患59处，但已整改57处、正在整改4处合计61处',
          evidenceCount: 3,
        },
      ],
    },
    // 50 + 2 = 52 ≠ 59: seven hazards unaccounted for.
    {
      name: 'hazards unaccounted for',
      submission: submission().set(`${s}.hazardsFixed`, 50).build(),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '请核对发现、已整改和正在整改的隐患数',
          data: { found: '59处', fixed: '50处', pending: '2处', sum: '52处' },
        },
      ],
    },
    // Without a pending count, more fixed than found is still impossible.
    {
      name: 'more fixed than found',
      submission: submission().set(`${s}.hazardsPending`, null).set(`${s}.hazardsFixed`, 61).build(),
      errors: [
        {
          messageId: 'fixedExceedsFound',
          suggestion: '请核对发现、已整改和正在整改的隐患数',
          data: { found: '59处', fixed: '61处' },
          message: '已整改安全隐患61处，超过发现的隐患59处',
          evidenceCount: 2,
        },
      ],
    },
  ],
});
