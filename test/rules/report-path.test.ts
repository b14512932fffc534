/**
 * `ReportPath` (rules/support/report-path.ts): the paths rules read figures by are checked by the
 * compiler — a misspelt path, a path to text, or one past the report's shape does not compile (the
 * `@ts-expect-error` lines below fail `tsc` the moment such a path would be accepted) — and each
 * accepted path reads the report's figure.
 */
import { describe, expect, it } from 'vitest';
import type { ReportPath } from '../../rules/support/report-path.js';
import { stated } from '../../rules/support/stated.js';
import { seedSubmission } from './support/submission-builder.js';

const index = 0 as number;
const accepted: readonly ReportPath[] = [
  'finance.income',
  'staffing.authorized.total',
  'scoring.tableTotal',
  `scoring.items.${index}.max`,
  `finance.projects.${index}.amount`,
  `facts.welfare.benefits.${index}.households`,
];

// @ts-expect-error a misspelt figure
const misspelt: ReportPath = 'finance.incme';
// @ts-expect-error the unit is text, not a figure
const text: ReportPath = 'unit';
// @ts-expect-error a list item needs its index
const noIndex: ReportPath = 'scoring.items.max';
// @ts-expect-error an object, not a figure
const object: ReportPath = 'staffing.authorized';

describe('ReportPath', () => {
  it('reads the seed report’s figures by the paths the compiler accepts', () => {
    const context = { submission: seedSubmission() };
    const report = context.submission.report;
    expect(stated(context, accepted[0]!, 'money')?.quantity.value.toNumber()).toBe(report.finance.income);
    expect(stated(context, accepted[1]!, 'count')?.quantity.value.toNumber()).toBe(report.staffing.authorized.total);
    expect(stated(context, `scoring.items.${0}.max`, 'points')?.quantity.value.toNumber()).toBe(
      report.scoring.items[0]!.max,
    );
  });

  it('would read nothing at the paths it refuses (which is why they must not compile)', () => {
    const context = { submission: seedSubmission() };
    for (const path of [misspelt, text, noIndex, object]) expect(stated(context, path, 'money')).toBeNull();
  });
});
