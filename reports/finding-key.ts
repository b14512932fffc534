/**
 * A finding's identity across resubmissions: its rule and the figures it compares (each evidence's
 * label and value), not its wording or location. A reviewer's decision on a finding carries over to
 * a later file of the same unit and year when this key is unchanged (issue #15).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../rules/finding-schema.js';
import type { CheckResult } from './result-schema.js';

export function findingKey(finding: Pick<Finding, 'ruleId' | 'evidence'>): string {
  const figures = finding.evidence.map((evidence) => [evidence.label, evidence.value]);
  return createHash('sha256')
    .update(JSON.stringify([finding.ruleId, figures]))
    .digest('hex')
    .slice(0, 16);
}

/** The result without the findings whose key is in `dismissed`, and how many were left out. */
export function withoutDismissed(
  result: CheckResult,
  dismissed: ReadonlySet<string>,
): { result: CheckResult; dismissed: number } {
  if (dismissed.size === 0 || result.findings.length === 0) return { result, dismissed: 0 };
  const kept = result.findings.filter((finding) => !dismissed.has(findingKey(finding)));
  const left = result.findings.length - kept.length;
  if (left === 0) return { result, dismissed: 0 };
  // Results are plain data (no lazy getters: check-result.ts, store.resultOf), so a spread copies them.
  return { result: { ...result, findings: kept }, dismissed: left };
}
