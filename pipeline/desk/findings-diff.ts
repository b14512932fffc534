/**
 * How a resubmission's findings moved against the earlier version: a document's own findings compared by
 * rule id and message, its package's findings (SPEC §6–§8) by findingKey — rule and figures — since their
 * messages name the files, which a resubmission renames.
 */
import { findingKey } from '../../reports/finding-key.js';
import type { Finding } from '../../rules/finding-schema.js';

export interface FindingsDiff {
  fixed: Finding[];
  remaining: Finding[];
  added: Finding[];
}

function messageKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message}`;
}

export function diffFindings(
  earlier: readonly Finding[],
  later: readonly Finding[],
  keyOf: (finding: Finding) => string = messageKey,
): FindingsDiff {
  const earlierKeys = new Set(earlier.map(keyOf));
  const laterKeys = new Set(later.map(keyOf));
  return {
    fixed: earlier.filter((finding) => !laterKeys.has(keyOf(finding))),
    remaining: later.filter((finding) => earlierKeys.has(keyOf(finding))),
    added: later.filter((finding) => !earlierKeys.has(keyOf(finding))),
  };
}

/** The document's own findings and its package's, each compared in its own way, as one diff. */
export function diffWithPackage(
  own: { earlier: readonly Finding[]; later: readonly Finding[] },
  pkg: { earlier: readonly Finding[]; later: readonly Finding[] },
): FindingsDiff {
  const a = diffFindings(own.earlier, own.later);
  const b = diffFindings(pkg.earlier, pkg.later, findingKey);
  return {
    fixed: [...a.fixed, ...b.fixed],
    remaining: [...a.remaining, ...b.remaining],
    added: [...a.added, ...b.added],
  };
}
