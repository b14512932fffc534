/**
 * What a batch-wide view needs of one checked result — the claimed score, each finding's key,
 * severity, rule and title, how many extraction problems, and the unit and year its decisions are
 * filed under — kept small beside the result in the store. A result is tens of kilobytes of JSON
 * (its evidence and sidecar); reading and parsing 1,000 of them made the desk's batch page take a
 * second, where 1,000 digests are read in milliseconds. A digest is derived data: it is written
 * with the result and made again from the result whenever it is missing or of an older shape.
 */
import { findingKey } from '../../reports/finding-key.js';
import { claimedScore } from '../../reports/verdict.js';
import { type CheckedResult, problemCount } from '../check/check-result.js';
import { decisionUnitKey } from './decisions.js';

/** Raised when the digest's shape changes: a stored digest of another version is made again. */
export const resultDigestVersion = 1;

export interface DigestFinding {
  readonly key: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly ruleId: string;
  readonly title: string;
}

export interface ResultDigest {
  readonly version: number;
  readonly score: number | null;
  readonly findings: readonly DigestFinding[];
  readonly problems: number;
  /** The unit and year the reviewer's decisions on this result are filed under (`unit_key~year`). */
  readonly decisionKey: string;
}

export function resultDigest(checked: CheckedResult): ResultDigest {
  const { result } = checked;
  return {
    version: resultDigestVersion,
    score: claimedScore(result),
    findings: result.findings.map((finding) => ({
      key: findingKey(finding),
      severity: finding.severity,
      ruleId: finding.ruleId,
      title: finding.title ?? finding.ruleId,
    })),
    problems: problemCount(checked),
    decisionKey: `${decisionUnitKey(result)}~${result.report?.year ?? ''}`,
  };
}

/** A stored digest, or null when it is of another version (or not a digest at all) and must be made again. */
export function parseResultDigest(json: string): ResultDigest | null {
  try {
    const digest = JSON.parse(json) as Partial<ResultDigest> | null;
    return digest?.version === resultDigestVersion && Array.isArray(digest.findings) ? (digest as ResultDigest) : null;
  } catch {
    return null;
  }
}
