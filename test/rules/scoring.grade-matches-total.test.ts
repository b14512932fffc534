/** scoring.grade-matches-total: the stated 自评等级 is the band of the 总分 (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60). */
import rule from '../../rules/scoring.grade-matches-total.js';
import { overallForm } from './support/form-builder.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const graded = (total: number, grade: string) =>
  overallForm()
    .set('scoring.tableTotal', total)
    .mutate((s) => {
      s.report.scoring.grade = grade;
    })
    .build();

ruleTester.run(rule, {
  valid: [
    { name: '100 is 优', submission: overallForm().build() },
    { name: '90 is 优 (the band starts at 90)', submission: graded(90, '优') },
    { name: '89.5 is 良', submission: graded(89.5, '良') },
    { name: '良好 is read as 良', submission: graded(85, '良好') },
    { name: '60 is 中', submission: graded(60, '中') },
    { name: '59 is 差', submission: graded(59, '差') },
    // An unknown wording is not guessed at.
    { name: 'an unknown grade wording', submission: graded(70, '基本达标') },
    // The seed states no grade.
    { name: 'no stated grade', submission: submission().build() },
    // Custom bands: 85 and above is 优.
    { name: 'custom bands', submission: graded(86, '优'), options: { bands: { 优: 85, 良: 75, 中: 60 } } },
  ],
  invalid: [
    {
      name: '86 stated as 优',
      submission: graded(86, '优'),
      errors: [
        {
          messageId: 'mismatch',
          data: { total: '86分', implied: '良', grade: '优' },
          message: '总分86分对应等级「良」，但填报的自评等级为「优」',
          suggestion: '自评等级应为「良」，或核对总分',
          evidence: [{ label: '自评等级', text: '优' }, { label: '总分' }],
        },
      ],
    },
    {
      name: '79 stated as 良',
      submission: graded(79, '良'),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '自评等级应为「中」，或核对总分',
          data: { total: '79分', implied: '中', grade: '良' },
        },
      ],
    },
    {
      name: '95 stated as 良好',
      submission: graded(95, '良好'),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '自评等级应为「优」，或核对总分',
          data: { total: '95分', implied: '优', grade: '良好' },
        },
      ],
    },
    {
      name: '55 stated as 中',
      submission: graded(55, '中'),
      errors: [
        {
          messageId: 'mismatch',
          suggestion: '自评等级应为「差」，或核对总分',
          data: { total: '55分', implied: '差', grade: '中' },
        },
      ],
    },
  ],
});
