/** The digest the desk's batch page reads of each result, kept in a real SQLite store beside the result. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import expected from '../../../fixtures/expected/pingdeng-2023.report.json' with { type: 'json' };
import { complete } from '../../../pipeline/check/check-result.js';
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { resultDigest, resultDigestVersion } from '../../../pipeline/desk/result-digest.js';
import { SubmissionStore } from '../../../pipeline/desk/store.js';
import { findingKey } from '../../../reports/finding-key.js';
import type { CheckResult } from '../../../reports/result-schema.js';
import type { Finding } from '../../../rules/finding-schema.js';

let folder: string;
let db: Db;
let store: SubmissionStore;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'result-digest-'));
  db = openDatabase(folder);
  store = new SubmissionStore(db);
});

afterEach(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

const sha = (n: number): string => n.toString(16).padStart(64, '0');

const groupPoints: Finding = {
  ruleId: 'scoring.group-points',
  severity: 'error',
  title: '分组分值',
  message: '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
  evidence: [{ label: '动态调整', value: 15, text: '动态调整（15分）', location: { table: 0, row: 6, column: 1 } }],
};
const numbering: Finding = { ruleId: 'structure.numbering', severity: 'info', message: '编号不连续', evidence: [] };

function checked(sha256: string, unit: string, findings: Finding[]): CheckResult {
  const report = { ...(expected as unknown as NonNullable<CheckResult['report']>), unit, year: 2023 };
  return {
    file: `${sha256}.pdf`,
    sha256,
    format: 'pdf',
    status: 'checked',
    error: null,
    report,
    findings,
    extraction: {
      evidence: {},
      repeatedFigures: [],
      ocr: false,
      sentences: [],
      headings: [],
      sections: {
        title: null,
        basicInfo: null,
        finance: null,
        performance: null,
        conclusion: null,
        scoringTable: null,
      },
      problems: [{ code: 'missing-figure', message: '未能读取收入总额', path: ['finance', 'income'] }],
    } as unknown as NonNullable<CheckResult['extraction']>,
  };
}

function record(n: number, unit: string, findings: Finding[]): CheckResult {
  const result = checked(sha(n), unit, findings);
  store.insertReceived({
    sha256: sha(n),
    fileName: `${n}.pdf`,
    sourcePath: `in/${n}.pdf`,
    size: 10,
    format: 'pdf',
    archivePath: `archive/${sha(n)}.pdf`,
    inboxPath: null,
    mailWanted: false,
    receivedAt: new Date(),
  });
  store.recordResult(sha(n), result, new Date());
  return result;
}

const storedDigestCount = (): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM result_digests').get() as { n: number }).n;

describe('result digests', () => {
  it('holds the score, each finding by key, severity and rule, the problems and the decisions key', () => {
    const result = checked(sha(1), '平等乡人民政府', [groupPoints, numbering]);
    expect(resultDigest(complete(result))).toEqual({
      version: resultDigestVersion,
      score: 97,
      findings: [
        { key: findingKey(groupPoints), severity: 'error', ruleId: 'scoring.group-points', title: '分组分值' },
        { key: findingKey(numbering), severity: 'info', ruleId: 'structure.numbering', title: 'structure.numbering' },
      ],
      problems: 1,
      decisionKey: '平等乡~2023', // the unit key drops 人民政府, as decisions are filed
    });
  });

  it('is written with the result and read back for many results in one call', () => {
    const first = record(1, '平等乡人民政府', [groupPoints]);
    const second = record(2, '白杨乡人民政府', []);
    expect(storedDigestCount()).toBe(2);
    const digests = store.resultDigests([sha(1), sha(2), sha(3)]);
    expect([...digests.keys()].sort()).toEqual([sha(1), sha(2)]);
    expect(digests.get(sha(1))).toEqual(resultDigest(complete(first)));
    expect(digests.get(sha(2))).toEqual(resultDigest(complete(second)));
  });

  it('is made again from the stored result when a store written before digests has none, and saved', () => {
    const result = record(1, '平等乡人民政府', [groupPoints, numbering]);
    db.exec('DELETE FROM result_digests');
    expect(store.resultDigests([sha(1)]).get(sha(1))).toEqual(resultDigest(complete(result)));
    expect(storedDigestCount()).toBe(1);
  });

  it('is made for every result without one when a store is filled, and only for those', () => {
    const first = record(1, '平等乡人民政府', [groupPoints]);
    const second = record(2, '白杨乡人民政府', [numbering]);
    db.prepare('DELETE FROM result_digests WHERE sha256 = ?').run(sha(2));
    expect(store.fillResultDigests()).toBe(1);
    expect(store.fillResultDigests()).toBe(0);
    const stored = db.prepare('SELECT sha256, json FROM result_digests ORDER BY sha256').all() as {
      sha256: string;
      json: string;
    }[];
    expect(stored.map((row) => [row.sha256, JSON.parse(row.json)])).toEqual([
      [sha(1), resultDigest(complete(first))],
      [sha(2), resultDigest(complete(second))],
    ]);
  });

  it('is made again when the stored one is of another version or not a digest', () => {
    const result = record(1, '平等乡人民政府', [groupPoints]);
    record(2, '白杨乡人民政府', [numbering]);
    db.prepare('UPDATE result_digests SET json = ? WHERE sha256 = ?').run(
      JSON.stringify({ ...resultDigest(complete(result)), version: 0, findings: [] }),
      sha(1),
    );
    db.prepare('UPDATE result_digests SET json = ? WHERE sha256 = ?').run('not json', sha(2));
    const digests = store.resultDigests([sha(1), sha(2)]);
    expect(digests.get(sha(1))?.findings.map((finding) => finding.ruleId)).toEqual(['scoring.group-points']);
    expect(digests.get(sha(2))?.findings.map((finding) => finding.ruleId)).toEqual(['structure.numbering']);
    const stored = db.prepare('SELECT json FROM result_digests WHERE sha256 = ?').get(sha(1)) as { json: string };
    expect(JSON.parse(stored.json).version).toBe(resultDigestVersion);
  });
});
