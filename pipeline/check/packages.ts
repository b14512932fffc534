/**
 * A unit's package (SPEC §6–§7): all of its current documents of one year, one per document key
 * (kind, and project for a project form). A project form never supersedes the unit's report, and two
 * project forms of different projects never supersede each other. The package rules run on the
 * current documents; `check --json` prints the result beside `results`.
 */
import { unitKey } from '../../extractors/text/unit-key.js';
import type { CheckResult, PackageResult } from '../../reports/result-schema.js';
import type { RuleConfig } from '../../rules/config.js';
import { runPackageRules } from '../../rules/package-engine.js';
import { markUncertainPackageFindings } from '../../rules/support/uncertain-figures.js';

type KeyedReport = Pick<NonNullable<CheckResult['report']>, 'kind' | 'project'>;

/** Which document of the package a report is: the same key supersedes, a different key sits beside it. */
export function documentKey(report: Partial<KeyedReport> | null | undefined): string {
  const kind = report?.kind ?? 'report';
  if (kind !== 'project-form') return kind;
  return `${kind}:${(report?.project ?? '').normalize('NFKC').replace(/\s+/g, '')}`;
}

/** The package a checked result belongs to, or null when its unit or year is unknown. */
export function packageKey(result: Pick<CheckResult, 'status' | 'report'>): string | null {
  const unit = result.report?.unit;
  const year = result.report?.year;
  if (result.status !== 'checked' || !unit || year === null || year === undefined) return null;
  return `${unitKey(unit)}\u0000${year}`;
}

/**
 * The packages of a batch: for each unit and year with at least two current documents (a later
 * file of the same document key supersedes an earlier one, as the desk does), the package findings.
 * A unit that sent one document (or the same one twice, as DOCX and PDF) has no package to compare.
 */
export function buildPackages(results: readonly CheckResult[], config: RuleConfig = {}): PackageResult[] {
  const byPackage = new Map<string, Map<string, CheckResult>>();
  for (const result of results) {
    const key = packageKey(result);
    if (key === null) continue;
    let documents = byPackage.get(key);
    if (!documents) {
      documents = new Map();
      byPackage.set(key, documents);
    }
    const document = documentKey(result.report);
    // Map order is first insertion: delete first so that the package lists files in the order they came.
    documents.delete(document);
    documents.set(document, result);
  }
  const packages: PackageResult[] = [];
  for (const documents of byPackage.values()) {
    const current = [...documents.values()];
    if (current.length < 2) continue;
    const first = current[0]!.report!;
    const read = current
      .filter((result) => result.extraction)
      .map((result) => ({ file: result.file, submission: { report: result.report!, extraction: result.extraction! } }));
    const findings = markUncertainPackageFindings(
      runPackageRules(read, config),
      read.map(({ file, submission }) => ({ file, extraction: submission.extraction })),
    );
    packages.push({ unit: first.unit!, year: first.year!, files: current.map((result) => result.file), findings });
  }
  return packages;
}
