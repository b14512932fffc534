/**
 * The reviewer's decisions in the store: an append-only log, the latest entry per finding counts, a
 * resubmission with the same finding (same rule, same figures) inherits it, and a dismissed finding
 * leaves the result that memo, summary and mail are made from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { applyDecisions, currentDecisions, decisionLog, recordDecision } from '../../../pipeline/desk/decisions.js';
import { findingKey } from '../../../reports/finding-key.js';
import type { CheckResult } from '../../../reports/result-schema.js';
import type { Finding } from '../../../rules/finding-schema.js';

function finding(ruleId: string, label: string, value: number, message = `${label}不一致`): Finding {
  return {
    ruleId,
    severity: 'error',
    message,
    evidence: [
      {
        label,
        value,
        text: `${label}（${value}分）`,
        location: { table: 0, row: 3, column: 1 },
        halfUnit: 0,
        approximate: false,
      },
    ],
  };
}

function result(sha: string, findings: Finding[], unit = '平等乡人民政府', year = 2023): CheckResult {
  return {
    file: `${sha}.pdf`,
    sha256: sha.padEnd(64, '0'),
    format: 'pdf',
    status: 'checked',
    error: null,
    report: { unit, year } as CheckResult['report'],
    findings,
  };
}

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'review-desk-decisions-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('decisions', () => {
  const dynamic = finding('scoring.group-points', '动态调整', 15);
  const disclosure = finding('scoring.group-points', '信息公开', 5);
  const first = result('a1', [dynamic, disclosure]);

  it('leaves a dismissed finding out and counts it', () => {
    recordDecision(db, {
      result: first,
      findingKey: findingKey(dynamic),
      decision: 'dismissed',
      reason: '已核实',
      reviewer: '王',
      at: new Date(),
    });
    const shown = applyDecisions(db, first);
    expect(shown.dismissed).toBe(1);
    expect(shown.result.findings.map((f) => f.evidence[0]!.label)).toEqual(['信息公开']);
    // The stored result itself is untouched.
    expect(first.findings).toHaveLength(2);
  });

  it('takes the latest entry: a change of mind is a new entry, the old one stays', () => {
    const key = findingKey(dynamic);
    recordDecision(db, {
      result: first,
      findingKey: key,
      decision: 'dismissed',
      reason: '已核实',
      reviewer: '王',
      at: new Date(),
    });
    recordDecision(db, {
      result: first,
      findingKey: key,
      decision: 'confirmed',
      reason: '',
      reviewer: '李',
      at: new Date(),
    });
    expect(currentDecisions(db, first).get(key)?.decision).toBe('confirmed');
    expect(decisionLog(db, first).map((entry) => [entry.decision, entry.reviewer])).toEqual([
      ['dismissed', '王'],
      ['confirmed', '李'],
    ]);
    expect(applyDecisions(db, first).dismissed).toBe(0);
  });

  it('refuses to change or delete an entry', () => {
    recordDecision(db, {
      result: first,
      findingKey: findingKey(dynamic),
      decision: 'dismissed',
      reason: '已核实',
      reviewer: '王',
      at: new Date(),
    });
    expect(() => db.exec("UPDATE decisions SET reason = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM decisions')).toThrow(/append-only/);
  });

  it('carries a decision over to a resubmission only while the finding is unchanged', () => {
    recordDecision(db, {
      result: first,
      findingKey: findingKey(dynamic),
      decision: 'dismissed',
      reason: '已核实',
      reviewer: '王',
      at: new Date(),
    });
    // Same rule and figures, worded differently and found at another place: the same finding.
    const moved = {
      ...dynamic,
      message: '另一种措辞',
      evidence: [{ ...dynamic.evidence[0]!, location: { table: 1, row: 9, column: 1 } }],
    };
    const resubmitted = result('b2', [moved, disclosure]);
    expect(applyDecisions(db, resubmitted).dismissed).toBe(1);
    // A changed figure is a new finding.
    const changed = result('c3', [finding('scoring.group-points', '动态调整', 20), disclosure]);
    expect(applyDecisions(db, changed).dismissed).toBe(0);
    // Another unit's identical finding is not affected.
    const other = result('d4', [dynamic], '金河镇人民政府');
    expect(applyDecisions(db, other).dismissed).toBe(0);
  });

  it('refuses a decision on a finding the result does not have', () => {
    expect(() =>
      recordDecision(db, {
        result: first,
        findingKey: 'nope',
        decision: 'confirmed',
        reason: '',
        reviewer: '王',
        at: new Date(),
      }),
    ).toThrow();
  });
});
