/**
 * The package step of the desk (SPEC §6–§7): for each unit and year a run touched, the package rules
 * run again on all of the unit's current documents of that year as the store knows them — the
 * documents of earlier runs included — so a package finding appears when a document arrives and
 * goes when a corrected one supersedes the wrong one.
 */

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { unitKey } from '../../extractors/text/unit-key.js';
import { safeFileName } from '../../reports/file-names.js';
import { findingKey } from '../../reports/finding-key.js';
import type { PackageComparison } from '../../reports/package-memo.js';
import type { CheckResult, PackageResult } from '../../reports/result-schema.js';
import type { RuleConfig } from '../../rules/config.js';
import { buildPackages, packageKey } from '../check/packages.js';
import { writeFileAtomic } from '../support/atomic-write.js';
import { diffFindings } from './findings-diff.js';
import { type MemoPaths, memoFolder, memoPaths } from './memo-files.js';
import type { Submission, SubmissionStore } from './store.js';

export function packagesFromStore(
  store: Pick<SubmissionStore, 'currentPackage' | 'resultOf'>,
  touched: readonly Pick<CheckResult, 'sha256' | 'status' | 'report'>[],
  config: RuleConfig = {},
): PackageResult[] {
  const seen = new Set<string>();
  const packages: PackageResult[] = [];
  for (const result of touched) {
    const key = packageKey(result);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    const current = store
      .currentPackage(result.sha256)
      .map((submission) => store.resultOf(submission))
      .filter((stored): stored is CheckResult => stored !== null && stored.status === 'checked');
    packages.push(...buildPackages(current, config));
  }
  return packages;
}

/**
 * Every package the store holds: the unit-years with at least two current documents, for the summary.
 * Only those documents' results are read (a unit that sent one document costs nothing).
 */
export function allPackages(
  store: Pick<SubmissionStore, 'resultOf'>,
  submissions: readonly Submission[],
  config: RuleConfig = {},
): PackageResult[] {
  const groups = new Map<string, Submission[]>();
  for (const submission of submissions) {
    if (submission.status !== 'checked' || submission.supersededBy !== null) continue;
    if (submission.unit === null || submission.year === null) continue;
    const key = `${unitKey(submission.unit)}\u0000${submission.year}`;
    groups.set(key, [...(groups.get(key) ?? []), submission]);
  }
  const packages: PackageResult[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const results = group.map((submission) => store.resultOf(submission)).filter((r): r is CheckResult => r !== null);
    packages.push(...buildPackages(results, config));
  }
  return packages;
}

/**
 * The package memo's 与前次报送的比较 (see PackageComparison): the package's findings now against those of
 * the package as it stood just before its latest resubmission arrived — the documents then current, the
 * replaced file in place of the one that replaced it. Null while no document of the package has replaced
 * another. Worked out from the store alone, so every refresh writes the same comparison until the next
 * resubmission of the package.
 */
export function packageComparison(
  store: Pick<SubmissionStore, 'resultOf'>,
  submissions: readonly Submission[],
  pkg: PackageResult,
  config: RuleConfig = {},
): PackageComparison | null {
  const key = unitKey(pkg.unit);
  const current = submissions.filter(
    (submission) =>
      submission.status === 'checked' &&
      submission.supersededBy === null &&
      submission.unit !== null &&
      submission.year === pkg.year &&
      unitKey(submission.unit) === key,
  );
  const latest = current
    .filter((submission) => submission.supersedes !== null)
    .reduce<Submission | null>((last, submission) => (last && last.seq > submission.seq ? last : submission), null);
  const replaced = latest ? submissions.find((submission) => submission.sha256 === latest.supersedes) : undefined;
  if (!latest || !replaced) return null;
  const before = [...current.filter((submission) => submission.seq < latest.seq), replaced]
    .filter((submission) => submission.status === 'checked')
    .sort((a, b) => a.seq - b.seq)
    .map((submission) => store.resultOf(submission))
    .filter((result): result is CheckResult => result !== null);
  const earlier = buildPackages(before, config).flatMap((earlierPackage) => earlierPackage.findings);
  const diff = diffFindings(earlier, pkg.findings, findingKey);
  return {
    file: latest.sourcePath,
    replaced: { file: replaced.sourcePath, receivedAt: replaced.receivedAt },
    ...diff,
  };
}

/** `memos/<unit>-<year>-报送材料核对.md`: the package memo's file, beside the documents' own memos. */
export function packageMemoPath(pkg: Pick<PackageResult, 'unit' | 'year'>): string {
  return packageMemoPaths(pkg).md;
}

/** The package memo's three renderings (`.md`, `.html`, `.docx`), as a document's memo has them. */
export function packageMemoPaths(pkg: Pick<PackageResult, 'unit' | 'year'>): MemoPaths {
  return memoPaths(packageMemoBase(pkg));
}

/** The package memo's name without its extension: `<unit>-<year>-报送材料核对`. */
export function packageMemoBase(pkg: Pick<PackageResult, 'unit' | 'year'>): string {
  return safeFileName(`${pkg.unit}-${pkg.year}-报送材料核对`);
}

/** Writes the memo of every package (rewritten on every refresh, so it follows arrivals and supersessions). */
export async function writePackageMemos(
  outDir: string,
  packages: readonly PackageResult[],
  store: Pick<SubmissionStore, 'resultOf'>,
  submissions: readonly Submission[],
  date: Date,
  /** The rule config the packages were built with, for the package as it stood before (packageComparison). */
  config: RuleConfig = {},
): Promise<void> {
  if (packages.length === 0) return;
  const byFile = new Map<string, CheckResult>();
  for (const submission of submissions) {
    if (submission.status !== 'checked' || submission.supersededBy !== null || submission.unit === null) continue;
    const result = store.resultOf(submission);
    if (result) byFile.set(result.file, result);
  }
  await mkdir(join(outDir, memoFolder), { recursive: true });
  // Loaded on first use, as the documents' memos are (memo-files.ts): docx and unified cost a start-up.
  const { renderPackageMemoDocx, renderPackageMemoHtml, renderPackageMemoMarkdown } = await import(
    '../../reports/package-memo.js'
  );
  for (const pkg of packages) {
    const documents = pkg.files.map((file) => byFile.get(file)).filter((r): r is CheckResult => r !== undefined);
    const paths = packageMemoPaths(pkg);
    const options = { comparison: packageComparison(store, submissions, pkg, config) };
    await writeFileAtomic(join(outDir, paths.md), renderPackageMemoMarkdown(pkg, documents, date, options));
    await writeFileAtomic(join(outDir, paths.html), renderPackageMemoHtml(pkg, documents, date, options));
    await writeFileAtomic(join(outDir, paths.docx), await renderPackageMemoDocx(pkg, documents, date, options));
  }
}
