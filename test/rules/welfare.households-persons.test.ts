/** welfare.households-persons: persons ≥ households wherever both are stated. */
import rule from '../../rules/welfare.households-persons.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

// Benefit 0 is 低保 (212户、608人, repeated in the dibao* fields); benefit 5 is 新增监测户 (6户24人).
ruleTester.run(rule, {
  valid: [
    // The seed: 212户 608人; 6户 24人.
    { name: 'the seed has more persons than households', submission: submission().build() },
    // One person per household is possible.
    { name: 'one person per household', submission: submission().set('facts.welfare.benefits.5.persons', 6).build() },
    // Persons not stated: nothing to compare.
    {
      name: 'an unstated person count is silent',
      submission: submission().set('facts.welfare.benefits.5.persons', null).build(),
    },
    // An approximate household count (200余户) never fails.
    {
      name: 'an approximate count never fails',
      submission: submission().set('facts.welfare.benefits.5.households', 30, { approximate: true }).build(),
    },
  ],
  invalid: [
    // 新增监测户 24户 6人: the figures swapped.
    {
      name: 'households and persons swapped',
      submission: submission()
        .set('facts.welfare.benefits.5.households', 24)
        .set('facts.welfare.benefits.5.persons', 6)
        .build(),
      errors: [
        {
          messageId: 'fewerPersons',
          data: { label: '新增监测户', households: '24户', persons: '6人' },
          message: '新增监测户24户，但人数只有6人，人数不应少于户数',
          suggestion: '请核对新增监测户的户数和人数',
          evidenceCount: 2,
        },
      ],
    },
    // 低保 212户 108人 in both the benefit list and the dibao fields: reported once.
    {
      name: 'the 低保 figures are reported once',
      submission: submission()
        .set('facts.welfare.benefits.0.persons', 108)
        .set('facts.welfare.dibaoPersons', 108)
        .build(),
      errors: [
        {
          messageId: 'fewerPersons',
          suggestion: '请核对低保的户数和人数',
          data: { label: '低保', households: '212户', persons: '108人' },
        },
      ],
    },
    // 低保 stated only in the dibao fields (no benefit entry).
    {
      name: '低保 stated only in the dibao fields',
      submission: submission()
        .mutate((sub) => {
          sub.report.facts.welfare.benefits.shift();
          for (const key of Object.keys(sub.extraction.evidence)) {
            if (key.startsWith('facts.welfare.benefits.')) delete sub.extraction.evidence[key];
          }
        })
        .set('facts.welfare.dibaoPersons', 200)
        .build(),
      errors: [
        {
          messageId: 'fewerPersons',
          suggestion: '请核对低保的户数和人数',
          data: { label: '低保', households: '212户', persons: '200人' },
        },
      ],
    },
  ],
});
