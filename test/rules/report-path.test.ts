/**
 * The typed paths of rules/support/report-path.ts: the paths rules read figures, texts and their
 * evidence by are checked by the compiler — a misspelt path, a path to the wrong kind of value, or
 * one past the report's shape does not compile (the `@ts-expect-error` lines below fail `tsc` the
 * moment such a path would be accepted) — each accepted path reads the report's value, and every
 * key the parser records evidence under is one of them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';
import type { ReportEvidence } from '../../rules/rule.js';
import type {
  EvidencePath,
  RepeatedFigurePath,
  ReportPath,
  ReportTextListPath,
  ReportTextPath,
} from '../../rules/support/report-path.js';
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

const texts: readonly ReportTextPath[] = [
  'unit',
  'scoring.grade',
  'finance.largeProjectsClaim',
  `scoring.items.${index}.target`,
  `scoring.items.${index}.actual`,
  `budget.lines.${index}.name`,
  `facts.welfare.benefits.${index}.label`,
];
const lists: readonly ReportTextListPath[] = [`scoring.items.${index}.path`, `scoring.groups.${index}.path`];
const evidenceKeys: readonly EvidencePath[] = [...accepted, ...texts, ...lists];
const repeated: RepeatedFigurePath = `repeatedFigures.${index}.occurrences.${index}`;

// @ts-expect-error a figure, not a text
const figureAsText: ReportTextPath = 'finance.income';
// @ts-expect-error a misspelt text
const misspeltText: ReportTextPath = 'scoring.grad';
// @ts-expect-error an indicator has no such column
const misspeltItemText: ReportTextPath = `scoring.items.${index}.targt`;
// @ts-expect-error a list of objects, not a figure or a text
const listAsEvidence: EvidencePath = 'budget.lines';
// @ts-expect-error the claim is not a figure: stated() would read nothing
const claimAsFigure: ReportPath = 'finance.largeProjectsClaim';
// @ts-expect-error an occurrence needs its index
const noOccurrence: RepeatedFigurePath = `repeatedFigures.${index}.occurrences`;

/** What a rule looks up in `extraction.evidence`: only typed paths compile. */
function lookups(evidence: ReportEvidence): unknown[] {
  // @ts-expect-error a misspelt key (it read undefined, silencing the rule, before the evidence was typed)
  const misspeltGrade = evidence['scoring.grad'];
  // @ts-expect-error a misspelt column of an indicator
  const misspeltTarget = evidence[`scoring.items.${index}.targt`];
  // @ts-expect-error a path the report does not have
  const noSuchFigure = evidence['finance.incomeTotal'];
  return [
    misspeltGrade,
    misspeltTarget,
    noSuchFigure,
    evidence['scoring.grade'],
    evidence[`scoring.items.${index}.target`],
    evidence['finance.largeProjectsClaim'],
  ];
}

/** The report's value at a dotted path, `undefined` where the path leads nowhere. */
function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Whether a value is what an `EvidencePath` leads to: a figure, a text, a list of texts, or not stated. */
function evidenceValue(value: unknown): boolean {
  if (value === null || typeof value === 'number' || typeof value === 'string') return true;
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

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
    for (const path of [misspelt, text, noIndex, object, claimAsFigure]) {
      expect(stated(context, path, 'money')).toBeNull();
    }
  });
});

describe('EvidencePath', () => {
  it('reads the seed report’s texts and their evidence by the paths the compiler accepts', () => {
    const submission = seedSubmission();
    const { report, extraction } = submission;
    expect(valueAt(report, texts[0]!)).toBe(report.unit);
    expect(valueAt(report, texts[1]!)).toBe(report.scoring.grade);
    expect(valueAt(report, texts[3]!)).toBe(report.scoring.items[0]!.target);
    expect(valueAt(report, lists[0]!)).toEqual(report.scoring.items[0]!.path);
    // Each accepted path leads to a figure, a text or a list of texts (or past the end of a list the seed leaves empty).
    for (const path of evidenceKeys) {
      const value = valueAt(report, path);
      expect(value === undefined || evidenceValue(value)).toBe(true);
    }
    const [, , , grade, target] = lookups(extraction.evidence);
    expect(grade).toBe(extraction.evidence['scoring.grade']);
    expect(target).toBe(extraction.evidence['scoring.items.0.target']);
  });

  it('would read nothing, or not a figure or text, at the paths it refuses (which is why they must not compile)', () => {
    const submission = seedSubmission();
    const [misspeltGrade, misspeltTarget, noSuchFigure] = lookups(submission.extraction.evidence);
    expect([misspeltGrade, misspeltTarget, noSuchFigure]).toEqual([undefined, undefined, undefined]);
    for (const path of [misspeltText, misspeltItemText]) expect(valueAt(submission.report, path)).toBeUndefined();
    expect(typeof valueAt(submission.report, figureAsText)).toBe('number');
    expect(evidenceValue(valueAt({ ...submission.report, budget: { lines: [{}] } }, listAsEvidence))).toBe(false);
    // The list of occurrences, not one of them.
    expect(valueAt(submission.extraction, noOccurrence)).toEqual(submission.extraction.repeatedFigures[0]!.occurrences);
    expect(valueAt(submission.extraction, repeated)).toBe(submission.extraction.repeatedFigures[0]!.occurrences[0]);
  });

  it.each([
    'samples/pingdeng-2023.docx',
    'forms/overall-ab-hr-2023.docx',
    'forms/project-guantang-2023-renju.docx',
    'forms/basic-data-guantang-2023.docx',
  ])('covers every key the parser records evidence under in %s', async (name) => {
    const bytes = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
    const { report, extraction } = parseReport(await readDocument(bytes));
    const keys = Object.keys(extraction.evidence);
    expect(keys.length).toBeGreaterThan(5);
    // Each key leads to a figure, a text or a scoring item's name in the report: a path EvidencePath holds.
    expect(keys.filter((key) => !evidenceValue(valueAt(report, key)))).toEqual([]);
  });
});
