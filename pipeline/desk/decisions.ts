/**
 * The reviewer's decisions on findings (issue #15): an append-only log in the store's SQLite file —
 * who, when, which finding (by its key: rule + figures), 确认 or 不采纳, and why. A change of mind is
 * a new entry; triggers refuse UPDATE and DELETE. The current decision on a finding is its latest
 * entry for the unit and year, so a resubmission with the same finding inherits it.
 */

import type Database from 'better-sqlite3';
import { unitKey } from '../../extractors/text/unit-key.js';
import { findingKey, withoutDismissed } from '../../reports/finding-key.js';
import type { CheckResult } from '../../reports/result-schema.js';

// The table is created by migration 5 (migrations.ts).
type Db = Database.Database;

export type DecisionKind = 'confirmed' | 'dismissed';

export interface Decision {
  id: number;
  unitKey: string;
  year: number | null;
  sha256: string;
  findingKey: string;
  ruleId: string;
  decision: DecisionKind;
  reason: string;
  reviewer: string;
  decidedAt: string;
}

interface DecisionRow {
  id: number;
  unit_key: string;
  year: number | null;
  sha256: string;
  finding_key: string;
  rule_id: string;
  decision: DecisionKind;
  reason: string;
  reviewer: string;
  decided_at: string;
}

function fromRow(row: DecisionRow): Decision {
  return {
    id: row.id,
    unitKey: row.unit_key,
    year: row.year,
    sha256: row.sha256,
    findingKey: row.finding_key,
    ruleId: row.rule_id,
    decision: row.decision,
    reason: row.reason,
    reviewer: row.reviewer,
    decidedAt: row.decided_at,
  };
}

/** The unit key decisions are filed under: the report's unit, else the file name (a rejected file has no findings anyway). */
export function decisionUnitKey(result: CheckResult): string {
  return unitKey(result.report?.unit ?? result.file);
}

export interface NewDecision {
  result: CheckResult;
  findingKey: string;
  decision: DecisionKind;
  reason: string;
  reviewer: string;
  at: Date;
}

export function recordDecision(db: Db, entry: NewDecision): Decision {
  const finding = entry.result.findings.find((candidate) => findingKey(candidate) === entry.findingKey);
  if (!finding) throw new Error(`finding ${entry.findingKey} is not in ${entry.result.sha256}`);
  const row = db
    .prepare(
      `INSERT INTO decisions (unit_key, year, sha256, finding_key, rule_id, decision, reason, reviewer, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      decisionUnitKey(entry.result),
      entry.result.report?.year ?? null,
      entry.result.sha256,
      entry.findingKey,
      finding.ruleId,
      entry.decision,
      entry.reason,
      entry.reviewer,
      entry.at.toISOString(),
    ) as DecisionRow;
  return fromRow(row);
}

/** The latest decision on each finding key of the unit and year (carried over across resubmissions). */
export function currentDecisions(db: Db, result: CheckResult): Map<string, Decision> {
  const rows = db
    .prepare(
      `SELECT * FROM decisions WHERE unit_key = ? AND year IS ? AND id IN
         (SELECT MAX(id) FROM decisions WHERE unit_key = ? AND year IS ? GROUP BY finding_key)`,
    )
    .all(
      decisionUnitKey(result),
      result.report?.year ?? null,
      decisionUnitKey(result),
      result.report?.year ?? null,
    ) as DecisionRow[];
  return new Map(rows.map((row) => [row.finding_key, fromRow(row)]));
}

/** Every entry of the log for the unit and year, oldest first. */
export function decisionLog(db: Db, result: CheckResult): Decision[] {
  const rows = db
    .prepare('SELECT * FROM decisions WHERE unit_key = ? AND year IS ? ORDER BY id')
    .all(decisionUnitKey(result), result.report?.year ?? null) as DecisionRow[];
  return rows.map(fromRow);
}

/** The result as the memo, summary and mail show it: the findings currently dismissed left out. */
export function applyDecisions(db: Db, result: CheckResult): { result: CheckResult; dismissed: number } {
  if (result.findings.length === 0) return { result, dismissed: 0 };
  const dismissed = new Set<string>();
  for (const [key, decision] of currentDecisions(db, result)) {
    if (decision.decision === 'dismissed') dismissed.add(key);
  }
  return withoutDismissed(result, dismissed);
}
