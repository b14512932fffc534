/**
 * A table-driven rule tester in the manner of ESLint's RuleTester: every valid case must report
 * nothing; every invalid case must report exactly the listed findings (count, messageId, and the
 * data / message / suggestion when given). Unknown message ids — in the rule's reports or in the
 * expected errors — fail the test, as do hand-built evidence locations (the engine rejects them).
 * As ESLint v9's: two cases with the same name, or with the same submission and options, are refused;
 * an invalid case whose finding carries a suggestion must state it (`suggestion`, or `null` for none);
 * and every message id of the rule (as a finding's message or as its suggestion) must be produced by
 * some invalid case.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedSubmission } from '../../../extractors/model/report-schema.js';
import { checkRule, fill } from '../../../rules/engine.js';
import type { Finding } from '../../../rules/finding-schema.js';
import type { Rule } from '../../../rules/rule.js';

export interface ValidCase {
  /** What the case is about, as a sentence. */
  readonly name: string;
  readonly submission: ParsedSubmission;
  readonly options?: unknown;
}

export interface ExpectedError {
  readonly messageId: string;
  /** The finding's severity when a rule lowers it (an info finding of a warning rule); the default severity otherwise. */
  readonly severity?: 'info' | 'warning' | 'error';
  /** Compared exactly when given. */
  readonly data?: Readonly<Record<string, string | number | null>>;
  readonly message?: string;
  readonly suggestion?: string | null;
  /** Number of evidence items. */
  readonly evidenceCount?: number;
  /** The evidence items, each compared on the keys given (label, text, value, location …); the count must match too. */
  readonly evidence?: readonly Readonly<Record<string, unknown>>[];
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
}

export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

function summarise(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.messageId}: ${f.message}`).join('\n');
}

/** The message ids a finding exercises: its own, and the one its suggestion was filled from. */
function exercisedIds(rule: Rule, finding: Finding): string[] {
  const ids: string[] = finding.messageId === undefined ? [] : [finding.messageId];
  if (finding.suggestion === null) return ids;
  for (const [id, template] of Object.entries(rule.meta.messages)) {
    try {
      if (fill(rule.meta.id, template as string, finding.data ?? {}) === finding.suggestion) ids.push(id);
    } catch {
      // A template whose placeholders this finding has no data for is not its suggestion.
    }
  }
  return ids;
}

/**
 * Every run's invalid cases by rule: a test file may test one rule in several runs (reports and
 * forms), and the message ids are counted over all of them.
 */
const invalidCasesByRule = new Map<string, InvalidCase[]>();

export const ruleTester = {
  run(rule: Rule, tests: RuleTests): void {
    const { meta } = rule;
    const ruleCases = invalidCasesByRule.get(meta.id) ?? [];
    invalidCasesByRule.set(meta.id, ruleCases);
    ruleCases.push(...tests.invalid);
    describe(meta.id, () => {
      it('has no duplicate cases', () => {
        const all = [...tests.valid, ...tests.invalid];
        const names = all.map((test) => test.name);
        expect(
          names.filter((name, i) => names.indexOf(name) !== i),
          'cases with the same name',
        ).toEqual([]);
        const contents = all.map((test) => JSON.stringify([test.submission, test.options ?? null]));
        const duplicates = all.filter((_, i) => contents.indexOf(contents[i]!) !== i).map((test) => test.name);
        expect(duplicates, 'cases with the same submission and options as an earlier one').toEqual([]);
      });

      it('exercises every message id of the rule in some invalid case', () => {
        const exercised = new Set<string>();
        for (const test of ruleCases) {
          for (const finding of checkRule(rule, test.submission, test.options)) {
            for (const id of exercisedIds(rule, finding)) exercised.add(id);
          }
        }
        const missing = Object.keys(meta.messages).filter((id) => !exercised.has(id));
        expect(missing, 'message ids no invalid case produces (as a message or a suggestion)').toEqual([]);
      });

      describe('valid', () => {
        for (const test of tests.valid) {
          it(test.name, () => {
            const findings = checkRule(rule, test.submission, test.options);
            expect(findings, `expected no findings, got:\n${summarise(findings)}`).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const test of tests.invalid) {
          it(test.name, () => {
            expect(test.errors.length, 'an invalid case must expect at least one finding').toBeGreaterThan(0);
            for (const error of test.errors) {
              expect(Object.keys(meta.messages), `unknown messageId ${error.messageId} in the test`).toContain(
                error.messageId,
              );
            }
            const findings = checkRule(rule, test.submission, test.options);
            expect(findings.length, `findings:\n${summarise(findings)}`).toBe(test.errors.length);
            test.errors.forEach((error, i) => {
              const finding = findings[i]!;
              expect(finding.ruleId).toBe(meta.id);
              expect(finding.severity).toBe(error.severity ?? meta.defaultSeverity);
              expect(finding.title).toBe(meta.title);
              expect(finding.messageId).toBe(error.messageId);
              if (error.data !== undefined) expect(finding.data).toEqual(error.data);
              if (error.message !== undefined) expect(finding.message).toBe(error.message);
              if (error.suggestion !== undefined) expect(finding.suggestion).toBe(error.suggestion);
              else {
                expect(
                  finding.suggestion,
                  `error ${i} (${error.messageId}) must state the suggestion its finding carries`,
                ).toBeNull();
              }
              if (error.evidenceCount !== undefined) expect(finding.evidence).toHaveLength(error.evidenceCount);
              if (error.evidence !== undefined) {
                expect(finding.evidence).toHaveLength(error.evidence.length);
                error.evidence.forEach((expected, j) => {
                  expect(finding.evidence[j]).toMatchObject(expected);
                });
              }
            });
          });
        }
      });
    });
  },
};
