/** The submission store in a real SQLite file: stages, supersession by unit and year, memo names, resumption. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import expected from '../../../fixtures/expected/pingdeng-2023.report.json' with { type: 'json' };
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { diffFindings } from '../../../pipeline/desk/findings-diff.js';
import { SubmissionStore } from '../../../pipeline/desk/store.js';
import type { CheckResult } from '../../../reports/result-schema.js';
import type { Finding } from '../../../rules/finding-schema.js';

let folder: string;
let db: Db;
let store: SubmissionStore;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'store-'));
  db = openDatabase(folder);
  store = new SubmissionStore(db);
});

afterEach(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

function finding(ruleId: string, message: string, severity: Finding['severity'] = 'error'): Finding {
  return { ruleId, severity, message, evidence: [] };
}

function checked(sha256: string, unit: string, year: number, findings: Finding[] = []): CheckResult {
  const report = { ...(expected as unknown as NonNullable<CheckResult['report']>), unit, year };
  return { file: `${sha256}.docx`, sha256, format: 'docx', status: 'checked', error: null, report, findings };
}

function receive(sha256: string, at = new Date()) {
  return store.insertReceived({
    sha256,
    fileName: `${sha256}.docx`,
    sourcePath: `in/${sha256}.docx`,
    size: 10,
    format: 'docx',
    archivePath: `archive/${sha256}.docx`,
    inboxPath: null,
    mailWanted: false,
    receivedAt: at,
  });
}

const sha = (n: number): string => n.toString(16).padStart(64, '0');

describe('SubmissionStore', () => {
  it('records a submission as received and walks it through its stages to done', () => {
    receive(sha(1));
    expect(store.get(sha(1))).toMatchObject({ stage: 'received', status: null });
    store.markArchived(sha(1));
    expect(store.get(sha(1))?.stage).toBe('archived');
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023, [finding('a', 'x')]), new Date());
    expect(store.get(sha(1))).toMatchObject({ stage: 'checked', status: 'checked', errors: 1, unit: '平等乡人民政府' });
    store.markMemoWritten(sha(1), new Date());
    expect(store.unfinished().map((s) => s.sha256)).toEqual([sha(1)]);
    store.markDone(sha(1), new Date());
    expect(store.unfinished()).toEqual([]);
  });

  it('supersedes the earlier submission of the same unit and year and points the new one at it', () => {
    receive(sha(1));
    receive(sha(2));
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    const outcome = store.recordResult(sha(2), checked(sha(2), '平等乡 人民政府', 2023), new Date());
    expect(outcome.supersedes?.sha256).toBe(sha(1));
    expect(store.get(sha(1))?.supersededBy).toBe(sha(2));
    expect(store.get(sha(2))).toMatchObject({ supersedes: sha(1), supersededBy: null });
  });

  it('keeps submissions of another year or another unit current', () => {
    receive(sha(1));
    receive(sha(2));
    receive(sha(3));
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    store.recordResult(sha(2), checked(sha(2), '平等乡人民政府', 2024), new Date());
    store.recordResult(sha(3), checked(sha(3), '新林镇人民政府', 2023), new Date());
    expect(store.all().map((s) => s.supersededBy)).toEqual([null, null, null]);
  });

  it('marks a submission outdated on arrival when a later one of its unit and year was already recorded', () => {
    receive(sha(1));
    receive(sha(2));
    store.recordResult(sha(2), checked(sha(2), '平等乡人民政府', 2023), new Date());
    const outcome = store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    expect(outcome).toEqual({ supersedes: null, supersededBy: sha(2) });
    expect(store.get(sha(2))?.supersededBy).toBeNull();
  });

  it('never lets a rejected file supersede anything', () => {
    receive(sha(1));
    receive(sha(2));
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    const rejected: CheckResult = {
      file: 'x.docx',
      sha256: sha(2),
      format: null,
      status: 'rejected',
      error: { code: 'corrupt-file', message: '损坏' },
      report: null,
      findings: [],
    };
    expect(store.recordResult(sha(2), rejected, new Date())).toEqual({ supersedes: null, supersededBy: null });
    expect(store.get(sha(1))?.supersededBy).toBeNull();
  });

  it('gives a memo name once, with the sha prefix when another submission holds the plain name', () => {
    receive(sha(1));
    receive(sha(2));
    expect(store.assignMemoBase(sha(1), '平等乡人民政府-2023')).toBe('平等乡人民政府-2023');
    expect(store.assignMemoBase(sha(2), '平等乡人民政府-2023')).toBe(`平等乡人民政府-2023-${sha(2).slice(0, 8)}`);
    expect(store.assignMemoBase(sha(1), 'anything-else')).toBe('平等乡人民政府-2023');
  });

  it('stores a result handed over as JSON bytes as the same text, and gives its memo name in the same call', () => {
    receive(sha(1));
    const result = checked(sha(1), '平等乡人民政府', 2023, [finding('a', '金额不符')]);
    const json = new TextEncoder().encode(JSON.stringify(result));
    const outcome = store.recordResult(sha(1), result, new Date(), { json, memoBase: '平等乡人民政府-2023' });
    expect(outcome).toEqual({ supersedes: null, supersededBy: null, memoBase: '平等乡人民政府-2023' });
    expect(store.resultJson(sha(1))).toBe(JSON.stringify(result));
    expect(store.get(sha(1))).toMatchObject({ stage: 'checked', memoBase: '平等乡人民政府-2023', errors: 1 });
    expect(store.resultOf(store.get(sha(1))!)).toEqual(result);
  });

  it('reads a row as plain data, the result only when asked for it (resultOf), so that spreading a row reads nothing', () => {
    receive(sha(1));
    expect(store.resultOf(store.get(sha(1))!)).toBeNull();
    const result = checked(sha(1), '平等乡人民政府', 2023, [finding('a', '金额不符')]);
    store.recordResult(sha(1), result, new Date());
    const submission = store.get(sha(1))!;
    // No accessor on the row: every property is a value, and the row holds no result.
    const descriptors = Object.values(Object.getOwnPropertyDescriptors(submission));
    expect(descriptors.every((descriptor) => 'value' in descriptor && descriptor.get === undefined)).toBe(true);
    expect('result' in submission).toBe(false);
    expect({ ...submission }).toEqual(submission);
    // The result stays in the store until asked for; a changed stored JSON is what resultOf then gives.
    db.prepare('UPDATE results SET json = ? WHERE sha256 = ?').run(
      JSON.stringify({ ...result, file: 'x.docx' }),
      sha(1),
    );
    expect(store.resultOf(submission)).toEqual({ ...result, file: 'x.docx' });
  });

  it('reports a memo move recorded after it last found none', () => {
    const base = '平等乡人民政府-2023';
    receive(sha(1));
    receive(sha(2));
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date(), { memoBase: base });
    expect(store.pendingMemoMoves()).toEqual([]);
    store.recordResult(sha(2), checked(sha(2), '平等乡人民政府', 2023), new Date(), { memoBase: base });
    expect(store.pendingMemoMoves()).toEqual([{ sha256: sha(1), from: base, to: `${base}-${sha(1).slice(0, 8)}` }]);
    expect(store.get(sha(2))?.memoBase).toBe(base);
  });

  it('moves a superseded memo aside to its sha-suffixed name and gives the plain name to the resubmission', () => {
    const base = '平等乡人民政府-2023';
    receive(sha(1));
    receive(sha(2));
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    expect(store.assignMemoBase(sha(1), base)).toBe(base);
    store.recordResult(sha(2), checked(sha(2), '平等乡人民政府', 2023), new Date());
    const aside = `${base}-${sha(1).slice(0, 8)}`;
    expect(store.get(sha(1))).toMatchObject({ memoBase: aside, memoMovedFrom: base });
    expect(store.pendingMemoMoves()).toEqual([{ sha256: sha(1), from: base, to: aside }]);
    expect(store.assignMemoBase(sha(2), base)).toBe(base);
    store.memoMoveDone(sha(1));
    expect(store.pendingMemoMoves()).toEqual([]);
    expect(store.get(sha(1))).toMatchObject({ memoBase: aside, memoMovedFrom: null });
  });

  it('gives a submission superseded before its memo is written the sha-suffixed name', () => {
    const base = '平等乡人民政府-2023';
    receive(sha(1));
    receive(sha(2));
    store.recordResult(sha(2), checked(sha(2), '平等乡人民政府', 2023), new Date());
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    expect(store.assignMemoBase(sha(1), base)).toBe(`${base}-${sha(1).slice(0, 8)}`);
    expect(store.assignMemoBase(sha(2), base)).toBe(base);
    expect(store.pendingMemoMoves()).toEqual([]);
  });

  it('counts repeated arrivals of the same content', () => {
    receive(sha(1));
    store.addSighting(sha(1), 'again.docx', 'duplicate', new Date());
    store.addSighting(sha(1), 'again (2).docx', 'duplicate', new Date());
    expect(store.duplicateCounts().get(sha(1))).toBe(2);
  });

  it('reopens the same file with everything it recorded', () => {
    receive(sha(7));
    db.close();
    db = openDatabase(folder);
    store = new SubmissionStore(db);
    expect(store.get(sha(7))?.fileName).toBe(`${sha(7)}.docx`);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('moves the results an older store kept inline into their own table when it is opened', () => {
    receive(sha(3));
    const result = checked(sha(3), '平等乡人民政府', 2023);
    // The layout before results had their own table: the JSON in the submission row itself.
    db.prepare(`UPDATE submissions SET stage = 'done', status = 'checked', result_json = ? WHERE sha256 = ?`).run(
      JSON.stringify(result),
      sha(3),
    );
    // Written before the schema was versioned (migrations.ts): user_version 0.
    db.pragma('user_version = 0');
    db.close();
    db = openDatabase(folder);
    store = new SubmissionStore(db);
    expect(store.resultOf(store.get(sha(3))!)).toEqual(result);
    expect(db.prepare('SELECT result_json FROM submissions WHERE sha256 = ?').get(sha(3))).toEqual({
      result_json: null,
    });
  });

  it('opens a store written before memo moves were recorded, adding the column', () => {
    receive(sha(1));
    db.exec('ALTER TABLE submissions DROP COLUMN memo_moved_from');
    db.pragma('user_version = 0');
    db.close();
    db = openDatabase(folder);
    store = new SubmissionStore(db);
    expect(store.get(sha(1))).toMatchObject({ memoMovedFrom: null });
    expect(store.pendingMemoMoves()).toEqual([]);
  });

  it('gives an older store’s unit keys the current form when it is opened, so a county-prefixed name supersedes', () => {
    receive(sha(1));
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    // The key an older version stored: the name without spaces, 人民政府 kept.
    db.prepare('UPDATE submissions SET unit_key = ? WHERE sha256 = ?').run('平等乡人民政府', sha(1));
    db.close();
    db = openDatabase(folder);
    store = new SubmissionStore(db);
    receive(sha(2));
    expect(
      store.recordResult(sha(2), checked(sha(2), '峨边彝族自治县平等乡', 2023), new Date()).supersedes?.sha256,
    ).toBe(sha(1));
  });

  it('hands out a stored result as the same JSON in bytes, and without the sidecar text a batch summary skips', () => {
    receive(sha(4));
    const sentence = { text: '总编制31名', location: { page: null, paragraph: 3 }, figures: [] };
    const result: CheckResult = {
      ...checked(sha(4), '平等乡人民政府', 2023),
      extraction: {
        evidence: {},
        repeatedFigures: [{ name: '运行维护费', occurrences: [] }],
        ocr: false,
        sentences: [sentence] as unknown as NonNullable<CheckResult['extraction']>['sentences'],
        headings: [],
        sections: {
          title: null,
          basicInfo: null,
          finance: null,
          performance: null,
          conclusion: null,
          scoringTable: null,
        },
        problems: [],
      },
    };
    store.recordResult(sha(4), result, new Date());
    expect(store.resultJsonBytes(sha(4))?.toString('utf8')).toBe(store.resultJson(sha(4)));
    const slim = JSON.parse(store.resultJsonWithoutText(sha(4))!) as CheckResult;
    expect(slim.extraction).toEqual({ evidence: {}, ocr: false, sections: result.extraction!.sections, problems: [] });
    expect({ ...slim, extraction: null }).toEqual({ ...result, extraction: null });
    expect(store.resultJson(sha(5))).toBeNull();
  });

  it('marks a memo written and the submission done in one step', () => {
    receive(sha(6));
    store.recordResult(sha(6), checked(sha(6), '白杨乡人民政府', 2023), new Date());
    store.markMemoWrittenAndDone(sha(6), new Date('2024-05-06T02:00:00Z'));
    expect(store.get(sha(6))).toMatchObject({
      stage: 'done',
      memoAt: '2024-05-06T02:00:00.000Z',
      doneAt: '2024-05-06T02:00:00.000Z',
    });
  });

  it('takes a report naming its county before the township for the same unit, and a county bureau for another', () => {
    receive(sha(1));
    receive(sha(2));
    receive(sha(3));
    store.recordResult(sha(1), checked(sha(1), '平等乡人民政府', 2023), new Date());
    expect(
      store.recordResult(sha(2), checked(sha(2), '峨边县平等乡人民政府', 2023), new Date()).supersedes?.sha256,
    ).toBe(sha(1));
    store.recordResult(sha(3), checked(sha(3), '峨边县教育局', 2023), new Date());
    expect(store.all().map((s) => s.supersededBy)).toEqual([sha(2), null, null]);
  });
});

describe('diffFindings', () => {
  it('sorts findings into fixed, remaining and added by rule id and message', () => {
    const earlier = [finding('a', '1'), finding('b', '2')];
    const later = [finding('b', '2'), finding('c', '3')];
    expect(diffFindings(earlier, later)).toEqual({
      fixed: [finding('a', '1')],
      remaining: [finding('b', '2')],
      added: [finding('c', '3')],
    });
  });
});
