/**
 * The submission store: one row per distinct file content (sha256), with the stage it has reached
 * (received → archived → checked → memo-written → done) so that a run killed at any moment can be
 * resumed from where it stopped, and each submission is processed exactly once.
 */

import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type DocumentFormat, documentFormats } from '../../extractors/model/document-model.js';
import { unitKey } from '../../extractors/text/unit-key.js';
import { type CheckResult, summarize } from '../../reports/result-schema.js';
import type { ResultBytes } from '../check/extract-protocol.js';
import { documentKey } from '../check/packages.js';
import { UserError } from '../support/user-error.js';
import type { Db } from './database.js';
import { parseResultDigest, type ResultDigest, resultDigest } from './result-digest.js';

export const stages = ['received', 'archived', 'checked', 'memo-written', 'done'] as const;
export type Stage = (typeof stages)[number];

/** A 0/1 column read as a boolean. */
const flag = z.union([z.literal(0), z.literal(1)]).transform((value) => value === 1);
const text = z.string();
const optionalText = z.string().nullable();
const count = z.number().int();

/**
 * The submissions row as the store reads it: the one description of its columns (the SELECT list is
 * its keys) and of their types, checked on every read, mapped to a `Submission`. The table itself is
 * made and changed by the numbered migrations (migrations.ts); a column added there is added here.
 * Not read: result_json (emptied by migration 2; results have their own table).
 */
const submissionRow = z.object({
  seq: count,
  sha256: text,
  file_name: text,
  source_path: text,
  size: z.number(),
  // A format or status this version does not know reads as unknown, as it always did.
  format: optionalText.transform((value) => documentFormats.find((format) => format === value) ?? null),
  archive_path: text,
  stage: z.enum(stages),
  status: optionalText.transform((value) => (value === 'checked' || value === 'rejected' ? value : null)),
  unit: optionalText,
  unit_key: optionalText,
  year: count.nullable(),
  errors: count,
  warnings: count,
  infos: count,
  supersedes: optionalText,
  superseded_by: optionalText,
  memo_base: optionalText,
  memo_moved_from: optionalText,
  doc_key: optionalText,
  inbox_path: optionalText,
  inbox_dest: optionalText,
  inbox_moved: flag,
  mail_wanted: flag,
  mail_done: flag,
  received_at: text,
  checked_at: optionalText,
  memo_at: optionalText,
  done_at: optionalText,
});

type SubmissionRow = z.output<typeof submissionRow>;

/** Every column the row schema names (not the large result_json, read only when a caller asks for the result). */
const rowColumns = Object.keys(submissionRow.shape).join(', ');

/**
 * A stored row that does not have the shape this version reads (a column of the wrong type, a stage
 * it does not know): the store was changed by hand or by another program. The run stops (exit 2).
 */
export class StoreRowError extends UserError {
  constructor(seq: unknown, issue: string) {
    super(
      `输出文件夹中的数据库文件 review-desk.sqlite 里第 ${String(seq)} 条报送记录的内容不符合本程序的格式（${issue}），` +
        '可能被其他程序改动过。本次运行已停止，文件未被改动；请将输出文件夹交技术人员检查，不要删除其中的文件。',
    );
    this.name = 'StoreRowError';
  }
}

function parseRow(raw: unknown): SubmissionRow {
  const parsed = submissionRow.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StoreRowError((raw as { seq?: unknown } | null)?.seq ?? '?', `${issue?.path.join('.')}: ${issue?.message}`);
}

export interface Submission {
  seq: number;
  sha256: string;
  fileName: string;
  sourcePath: string;
  size: number;
  format: DocumentFormat | null;
  /** Relative to the output folder. */
  archivePath: string;
  stage: Stage;
  status: 'checked' | 'rejected' | null;
  unit: string | null;
  year: number | null;
  errors: number;
  warnings: number;
  infos: number;
  supersedes: string | null;
  supersededBy: string | null;
  memoBase: string | null;
  /** Set while the memo files are renamed from this name to `memoBase` (a superseded memo leaving the plain name). */
  memoMovedFrom: string | null;
  inboxPath: string | null;
  inboxDest: string | null;
  inboxMoved: boolean;
  mailWanted: boolean;
  mailDone: boolean;
  receivedAt: string;
  checkedAt: string | null;
  memoAt: string | null;
  doneAt: string | null;
}

function fromRow(raw: unknown): Submission {
  const row = parseRow(raw);
  return {
    seq: row.seq,
    sha256: row.sha256,
    fileName: row.file_name,
    sourcePath: row.source_path,
    size: row.size,
    format: row.format,
    archivePath: row.archive_path,
    stage: row.stage,
    status: row.status,
    unit: row.unit,
    year: row.year,
    errors: row.errors,
    warnings: row.warnings,
    infos: row.infos,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    memoBase: row.memo_base,
    memoMovedFrom: row.memo_moved_from,
    inboxPath: row.inbox_path,
    inboxDest: row.inbox_dest,
    inboxMoved: row.inbox_moved,
    mailWanted: row.mail_wanted,
    mailDone: row.mail_done,
    receivedAt: row.received_at,
    checkedAt: row.checked_at,
    memoAt: row.memo_at,
    doneAt: row.done_at,
  };
}

/** `base-<sha8>`: a memo name no other submission can hold (unchanged when `base` already ends so). */
export function withHashSuffix(base: string, sha256: string): string {
  const suffix = `-${sha256.slice(0, 8)}`;
  return base.endsWith(suffix) ? base : `${base}${suffix}`;
}

export interface NewSubmission {
  sha256: string;
  fileName: string;
  sourcePath: string;
  size: number;
  format: DocumentFormat | null;
  archivePath: string;
  inboxPath: string | null;
  mailWanted: boolean;
  receivedAt: Date;
}

export interface RecordOptions {
  /** The result as JSON (text or UTF-8 bytes) when the caller has it already: not serialised again. */
  json?: string | Uint8Array;
  /** The worker's bytes of the result with its sidecar's problems, when `result.extraction` is not parsed (check-result.ts). */
  extractionJson?: ResultBytes | null;
  /** Give the memo name (`assignMemoBase`) in the same commit. */
  memoBase?: string;
}

export interface RecordOutcome extends Supersession {
  /** The memo name given, when `memoBase` was asked for. */
  memoBase?: string;
}

/** What recording a result changed about the unit's other submissions. */
export interface Supersession {
  /** The earlier submission this one replaces, if any. */
  supersedes: Submission | null;
  /** Set when a later submission of the same unit and year was already recorded: this one is outdated on arrival. */
  supersededBy: string | null;
}

export class SubmissionStore {
  readonly #db: Db;
  readonly #statements = new Map<string, Database.Statement>();
  /**
   * Set once the store was seen to hold no memo move to make, until this connection records one (a
   * move recorded by another process is made by that process).
   */
  #noMovesPending = false;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Prepared once per connection: compiling SQL on every call costs more than running it. */
  #sql(source: string): Database.Statement {
    let statement = this.#statements.get(source);
    if (!statement) {
      statement = this.#db.prepare(source);
      this.#statements.set(source, statement);
    }
    return statement;
  }

  get(sha256: string): Submission | null {
    const row = this.#sql(`SELECT ${rowColumns} FROM submissions WHERE sha256 = ?`).get(sha256);
    return row === undefined ? null : fromRow(row);
  }

  /**
   * The submission's stored result, parsed from the store's JSON: null before it was checked. Asked
   * for explicitly, never read with the row: a result with its extraction sidecar is large, and most
   * reads of a row (a listing of every submission) never look at it (bench/analysis.md, "Figures
   * behind choices in the code").
   */
  resultOf(submission: Pick<Submission, 'sha256' | 'status'>): CheckResult | null {
    if (submission.status === null) return null;
    const json = this.resultJson(submission.sha256);
    return json === null ? null : (JSON.parse(json) as CheckResult);
  }

  /** The stored result exactly as JSON text (what results.json and --json print), or null before the check. */
  resultJson(sha256: string): string | null {
    const row = this.#sql('SELECT json FROM results WHERE sha256 = ?').get(sha256) as { json: string } | undefined;
    return row?.json ?? null;
  }

  /** The stored result's JSON as UTF-8 bytes, for writing it out without making a string of it. */
  resultJsonBytes(sha256: string): Buffer | null {
    const row = this.#sql('SELECT CAST(json AS BLOB) AS json FROM results WHERE sha256 = ?').get(sha256) as
      | { json: Buffer }
      | undefined;
    return row?.json ?? null;
  }

  /**
   * The stored result as JSON text without the bulk of its extraction sidecar (sentences, headings,
   * repeated figures), which SQLite drops before the text is handed over: for callers that read the
   * results of a whole batch and need only the report, the findings and where the evidence is.
   */
  resultJsonWithoutText(sha256: string): string | null {
    const row = this.#sql(
      `SELECT json_remove(json, '$.extraction.sentences', '$.extraction.headings', '$.extraction.repeatedFigures')
         AS json FROM results WHERE sha256 = ?`,
    ).get(sha256) as { json: string | null } | undefined;
    return row?.json ?? null;
  }

  /**
   * The digests of these results (result-digest.ts), in one query; a result stored without one (by
   * an older version) or with one of an older shape gets it made from its JSON and saved.
   */
  resultDigests(sha256s: readonly string[]): Map<string, ResultDigest> {
    const digests = new Map<string, ResultDigest>();
    if (sha256s.length === 0) return digests;
    const rows = this.#sql(
      'SELECT d.sha256, d.json FROM result_digests d JOIN json_each(?) w ON w.value = d.sha256',
    ).all(JSON.stringify(sha256s)) as { sha256: string; json: string }[];
    for (const row of rows) {
      const digest = parseResultDigest(row.json);
      if (digest) digests.set(row.sha256, digest);
    }
    for (const sha256 of sha256s) {
      if (digests.has(sha256)) continue;
      const json = this.resultJsonWithoutText(sha256);
      if (json === null) continue;
      const digest = resultDigest({ result: JSON.parse(json) as CheckResult, extractionJson: null });
      this.#sql('INSERT OR REPLACE INTO result_digests (sha256, json) VALUES (?, ?)').run(
        sha256,
        JSON.stringify(digest),
      );
      digests.set(sha256, digest);
    }
    return digests;
  }

  /** Makes the digest of every stored result that has none (a store written before digests); returns how many. */
  fillResultDigests(): number {
    const missing = this.#sql(
      'SELECT sha256 FROM results WHERE sha256 NOT IN (SELECT sha256 FROM result_digests)',
    ).all() as { sha256: string }[];
    if (missing.length > 0) this.resultDigests(missing.map((row) => row.sha256));
    return missing.length;
  }

  /** Records a submission before anything else happens to it, so that a crash cannot lose track of it. */
  insertReceived(entry: NewSubmission): Submission {
    // The row and its first sighting in one commit: one write to the log, and never one without the other.
    this.#db.transaction(() => this.#insertReceived(entry))();
    return this.get(entry.sha256)!;
  }

  #insertReceived(entry: NewSubmission): void {
    this.#sql(
      `INSERT INTO submissions (sha256, file_name, source_path, size, format, archive_path, stage, inbox_path, mail_wanted, received_at)
         VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?, ?)`,
    ).run(
      entry.sha256,
      entry.fileName,
      entry.sourcePath,
      entry.size,
      entry.format,
      entry.archivePath,
      entry.inboxPath,
      entry.mailWanted ? 1 : 0,
      entry.receivedAt.toISOString(),
    );
    this.addSighting(entry.sha256, entry.sourcePath, 'first', entry.receivedAt);
  }

  markArchived(sha256: string): void {
    this.#sql(`UPDATE submissions SET stage = 'archived' WHERE sha256 = ? AND stage = 'received'`).run(sha256);
  }

  /**
   * The package of a submission (SPEC §6–§7): the current checked submissions of its unit and year,
   * one per document key, in the order they came. Empty when its unit or year is unknown.
   */
  currentPackage(sha256: string): Submission[] {
    const row = this.#sql('SELECT unit_key, year FROM submissions WHERE sha256 = ?').get(sha256) as
      | { unit_key: string | null; year: number | null }
      | undefined;
    if (!row || row.unit_key === null || row.year === null) return [];
    return this.#sql(
      `SELECT ${rowColumns} FROM submissions WHERE unit_key = ? AND year = ? AND status = 'checked'
             AND superseded_by IS NULL ORDER BY seq`,
    )
      .all(row.unit_key, row.year)
      .map((r) => fromRow(r));
  }

  /**
   * Every checked submission of the unit and year of `sha256`, superseded ones included, in the order they
   * came: what the package held at any point (see Desk.memoContext).
   */
  packageHistory(sha256: string): Submission[] {
    const row = this.#sql('SELECT unit_key, year FROM submissions WHERE sha256 = ?').get(sha256) as
      | { unit_key: string | null; year: number | null }
      | undefined;
    if (!row || row.unit_key === null || row.year === null) return [];
    return this.#sql(
      `SELECT ${rowColumns} FROM submissions WHERE unit_key = ? AND year = ? AND status = 'checked' ORDER BY seq`,
    )
      .all(row.unit_key, row.year)
      .map((r) => fromRow(r));
  }

  /**
   * Stores the check result and, for a checked report, settles which submission of its unit and year
   * is current. With `memoBase`, the memo name is given in the same commit (see `assignMemoBase`):
   * one commit a file instead of two in the finish step.
   */
  recordResult(sha256: string, result: CheckResult, now: Date, options: RecordOptions = {}): RecordOutcome {
    const record = this.#db.transaction((): RecordOutcome => {
      const supersession = this.#recordResult(sha256, result, now, options.json, options.extractionJson ?? null);
      if (options.memoBase === undefined) return supersession;
      return { ...supersession, memoBase: this.#assignMemoBase(sha256, options.memoBase) };
    });
    return record.immediate();
  }

  #recordResult(
    sha256: string,
    result: CheckResult,
    now: Date,
    json: string | Uint8Array | undefined,
    extractionJson: ResultBytes | null,
  ): Supersession {
    const self = this.get(sha256);
    if (!self) throw new Error(`unknown submission ${sha256}`);
    const counts = summarize([result]);
    const unit = result.report?.unit ?? null;
    const year = result.report?.year ?? null;
    const key = unit === null ? null : unitKey(unit);
    // UTF-8 bytes bind as a BLOB: SQLite casts them to the TEXT the column holds, without a JavaScript string.
    this.#sql('INSERT OR REPLACE INTO results (sha256, json) VALUES (?, CAST(? AS TEXT))').run(
      sha256,
      json ?? JSON.stringify(result),
    );
    this.#sql('INSERT OR REPLACE INTO result_digests (sha256, json) VALUES (?, ?)').run(
      sha256,
      JSON.stringify(resultDigest({ result, extractionJson })),
    );
    this.#sql(
      `UPDATE submissions SET stage = 'checked', status = ?, format = ?, unit = ?, unit_key = ?, year = ?,
           errors = ?, warnings = ?, infos = ?, checked_at = ?
         WHERE sha256 = ?`,
    ).run(
      result.status,
      result.format,
      unit,
      key,
      year,
      counts.errors,
      counts.warnings,
      counts.infos,
      now.toISOString(),
      sha256,
    );
    if (result.status !== 'checked' || key === null || year === null) return { supersedes: null, supersededBy: null };
    // Only the same document of the package supersedes (SPEC §7): a project form never replaces the report.
    const docKey = documentKey(result.report);
    this.#sql('UPDATE submissions SET doc_key = ? WHERE sha256 = ?').run(docKey, sha256);
    const rivals = this.#sql(
      `SELECT ${rowColumns} FROM submissions WHERE unit_key = ? AND year = ? AND status = 'checked'
             AND COALESCE(doc_key, 'report') = ? AND superseded_by IS NULL AND sha256 <> ? ORDER BY seq`,
    )
      .all(key, year, docKey, sha256)
      .map((row) => fromRow(row));
    const later = rivals.filter((rival) => rival.seq > self.seq);
    if (later.length > 0) {
      const newest = later[later.length - 1]!;
      this.#sql('UPDATE submissions SET superseded_by = ? WHERE sha256 = ?').run(newest.sha256, sha256);
      return { supersedes: null, supersededBy: newest.sha256 };
    }
    const earlier = rivals.filter((rival) => rival.seq < self.seq);
    for (const rival of earlier) {
      this.#sql('UPDATE submissions SET superseded_by = ? WHERE sha256 = ?').run(sha256, rival.sha256);
      if (rival.memoBase !== null) this.#moveMemoAside(rival.sha256, rival.memoBase);
    }
    const previous = earlier.length > 0 ? earlier[earlier.length - 1]! : null;
    this.#sql('UPDATE submissions SET supersedes = ? WHERE sha256 = ?').run(previous?.sha256 ?? null, sha256);
    return { supersedes: previous, supersededBy: null };
  }

  /**
   * Gives the submission its memo file name. The plain `base` (`<unit>-<year>`) belongs to the current
   * submission of a unit and year: a superseded one holding it is moved aside to `base-<sha8>` (see
   * `pendingMemoMoves`), and a submission already superseded when its memo is written gets
   * `base-<sha8>` itself, as does one whose `base` a different, current submission holds. Kept once
   * given, so a resumed run writes to the same files.
   */
  assignMemoBase(sha256: string, base: string): string {
    return this.#db.transaction((): string => this.#assignMemoBase(sha256, base)).immediate();
  }

  #assignMemoBase(sha256: string, base: string): string {
    const self = this.get(sha256);
    if (!self) throw new Error(`unknown submission ${sha256}`);
    if (self.memoBase) return self.memoBase;
    const own = withHashSuffix(base, sha256);
    let chosen = base;
    if (self.supersededBy !== null) chosen = own;
    else {
      const holder = this.#sql('SELECT sha256, superseded_by FROM submissions WHERE memo_base = ?').get(base) as
        | { sha256: string; superseded_by: string | null }
        | undefined;
      if (holder && holder.superseded_by !== null) this.#moveMemoAside(holder.sha256, base);
      else if (holder) chosen = own;
    }
    this.#sql('UPDATE submissions SET memo_base = ? WHERE sha256 = ?').run(chosen, sha256);
    return chosen;
  }

  /**
   * Records that a superseded submission's memo leaves its plain name for `<name>-<sha8>`. Only the
   * record: the files are renamed by the desk (`pendingMemoMoves`, then `memoMoveDone`), so that a
   * crash between the two is finished on the next start.
   */
  #moveMemoAside(sha256: string, memoBase: string): void {
    const aside = withHashSuffix(memoBase, sha256);
    if (aside === memoBase) return;
    this.#noMovesPending = false;
    this.#sql('UPDATE submissions SET memo_base = ?, memo_moved_from = ? WHERE sha256 = ?').run(
      aside,
      memoBase,
      sha256,
    );
  }

  /** Memos whose files are still to be renamed from `from` to `to`, oldest first. */
  pendingMemoMoves(): { sha256: string; from: string; to: string }[] {
    // Asked before every memo is written; the column has no index, and moves are rare.
    if (this.#noMovesPending) return [];
    const moves = this.#sql(
      `SELECT sha256, memo_moved_from AS "from", memo_base AS "to" FROM submissions
         WHERE memo_moved_from IS NOT NULL ORDER BY seq`,
    ).all() as { sha256: string; from: string; to: string }[];
    this.#noMovesPending = moves.length === 0;
    return moves;
  }

  memoMoveDone(sha256: string): void {
    this.#sql('UPDATE submissions SET memo_moved_from = NULL WHERE sha256 = ?').run(sha256);
  }

  markMemoWritten(sha256: string, now: Date): void {
    this.#sql(`UPDATE submissions SET stage = 'memo-written', memo_at = ? WHERE sha256 = ? AND stage = 'checked'`).run(
      now.toISOString(),
      sha256,
    );
  }

  /** The memo is written and nothing else is left to do (no mail wanted): both stages in one commit. */
  markMemoWrittenAndDone(sha256: string, now: Date): void {
    this.#db.transaction(() => {
      this.markMemoWritten(sha256, now);
      this.markDone(sha256, now);
    })();
  }

  /** The destination is recorded before the move, so that a crash between the two is recognised on restart. */
  setInboxDest(sha256: string, dest: string): void {
    this.#sql('UPDATE submissions SET inbox_dest = ? WHERE sha256 = ?').run(dest, sha256);
  }

  markInboxMoved(sha256: string): void {
    this.#sql('UPDATE submissions SET inbox_moved = 1 WHERE sha256 = ?').run(sha256);
  }

  markMailDone(sha256: string): void {
    this.#sql('UPDATE submissions SET mail_done = 1 WHERE sha256 = ?').run(sha256);
  }

  markDone(sha256: string, now: Date): void {
    this.#sql(`UPDATE submissions SET stage = 'done', done_at = ? WHERE sha256 = ?`).run(now.toISOString(), sha256);
  }

  /** Submissions a previous run left half-way, oldest first. */
  unfinished(): Submission[] {
    return this.#sql(`SELECT ${rowColumns} FROM submissions WHERE stage <> 'done' ORDER BY seq`)
      .all()
      .map((row) => fromRow(row));
  }

  /** The memos the store holds as written: their submission and file name. */
  writtenMemos(): { sha256: string; memoBase: string }[] {
    return this.#sql(
      `SELECT sha256, memo_base AS memoBase FROM submissions
       WHERE memo_base IS NOT NULL AND memo_moved_from IS NULL AND stage IN ('memo-written', 'done') ORDER BY seq`,
    ).all() as { sha256: string; memoBase: string }[];
  }

  all(): Submission[] {
    return this.#sql(`SELECT ${rowColumns} FROM submissions ORDER BY seq`)
      .all()
      .map((row) => fromRow(row));
  }

  /**
   * Notes an arrival. The same file seen again under the same name (e.g. after a crash before it
   * was moved out of the inbox) is one arrival, not two.
   */
  addSighting(sha256: string, path: string, kind: 'first' | 'duplicate', now: Date): void {
    this.#sql(
      `INSERT INTO sightings (sha256, path, kind, seen_at) SELECT ?, ?, ?, ?
         WHERE NOT EXISTS (SELECT 1 FROM sightings WHERE sha256 = ? AND path = ?)`,
    ).run(sha256, path, kind, now.toISOString(), sha256, path);
  }

  /** Whether this content was taken in under this path (first or again). */
  sightedAs(sha256: string, path: string): boolean {
    return this.#sql('SELECT 1 FROM sightings WHERE sha256 = ? AND path = ?').get(sha256, path) !== undefined;
  }

  /** How many times the same content arrived again after the first time. */
  duplicateCounts(): Map<string, number> {
    const rows = this.#sql(
      `SELECT sha256, COUNT(*) AS n FROM sightings WHERE kind = 'duplicate' GROUP BY sha256`,
    ).all() as { sha256: string; n: number }[];
    return new Map(rows.map((row) => [row.sha256, row.n]));
  }
}
