/** How a resubmission's findings moved against the earlier version: compared by rule id and message. */
import type { Finding } from '../../rules/finding-schema.js';

export interface FindingsDiff {
  fixed: Finding[];
  remaining: Finding[];
  added: Finding[];
}

function keyOf(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message}`;
}

export function diffFindings(earlier: readonly Finding[], later: readonly Finding[]): FindingsDiff {
  const earlierKeys = new Set(earlier.map(keyOf));
  const laterKeys = new Set(later.map(keyOf));
  return {
    fixed: earlier.filter((finding) => !laterKeys.has(keyOf(finding))),
    remaining: later.filter((finding) => earlierKeys.has(keyOf(finding))),
    added: later.filter((finding) => !earlierKeys.has(keyOf(finding))),
  };
}
