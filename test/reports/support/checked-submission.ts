/**
 * Real check results for the reports tests: a document's bytes through readDocument → parseReport →
 * runRules, wrapped as `check --json` prints them (sidecar included). The seed is read from its
 * committed DOCX and PDF; variants of it are written as DOCX the way the fixture script writes them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { writeSubmissionDocx } from '../../../fixtures/build/docx-writer.js';
import { seedFacts } from '../../../fixtures/build/seed-facts.js';
import { submissionFromSeed } from '../../../fixtures/build/submission.js';
import { applyVariant, type TextEdit } from '../../../fixtures/build/variant.js';
import { cleanBase } from '../../../fixtures/build/variants.js';
import { parseSeedText } from '../../../fixtures/seed-text.js';
import { type CheckResult, checkResultSchema } from '../../../reports/result-schema.js';
import { type RuleConfig, runRules } from '../../../rules/engine.js';

const fixturesDir = new URL('../../../fixtures/', import.meta.url);

export async function checkBytes(bytes: Uint8Array, file: string, config: RuleConfig = {}): Promise<CheckResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // pdf.js may detach the buffer it is given: the reader gets a copy, the hash was taken from the original.
  const model = await readDocument(new Uint8Array(bytes));
  const submission = parseReport(model);
  return checkResultSchema.parse({
    file,
    sha256,
    format: model.format,
    status: 'checked',
    error: null,
    report: submission.report,
    findings: runRules(submission, config),
    extraction: submission.extraction,
  });
}

/** A committed fixture, e.g. `samples/pingdeng-2023.pdf`, shown as `submissions/<file>`. */
export function checkFixture(relative: string, file: string, config: RuleConfig = {}): Promise<CheckResult> {
  return checkBytes(readFileSync(new URL(relative, fixturesDir)), file, config);
}

const seedChecks = new Map<'docx' | 'pdf', Promise<CheckResult>>();

/** The seed (平等乡 2023) as the unit sent it, checked once per test file and format. */
export function realSeedResult(format: 'docx' | 'pdf'): Promise<CheckResult> {
  let check = seedChecks.get(format);
  if (!check) {
    check = checkFixture(`samples/pingdeng-2023.${format}`, `submissions/平等乡.${format}`);
    seedChecks.set(format, check);
  }
  return check.then((result) => structuredClone(result));
}

/**
 * The seed with its two scoring errors corrected (the fixtures' clean base) and `edits` applied to the
 * narrative, written as a DOCX; every edit must find its text exactly once.
 */
export async function seedVariantDocx(name: string, edits: readonly TextEdit[]): Promise<Buffer> {
  const seedText = readFileSync(new URL('source/pingdeng-2023-self-assessment.txt', fixturesDir), 'utf8');
  const seed = { submission: submissionFromSeed(parseSeedText(seedText)), facts: seedFacts };
  const built = applyVariant(applyVariant(seed, cleanBase), { name, what: name, edits });
  return writeSubmissionDocx(built.submission);
}
