/**
 * The mail ledger in the project's SQLite file: one row per message, written BEFORE it is sent and
 * updated after, so a crash, a dead server or a second run never mails the same findings twice and
 * never loses a message. Tables `mails` and `mail_skips` belong to the mail engine alone (created by
 * the store's migrations, desk/migrations.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { unitKey } from '../../extractors/text/unit-key.js';
import type { CheckResult } from '../../reports/result-schema.js';
import type { SummaryMailState } from '../../reports/summary.js';
import {
  DamagedDatabaseError,
  type Db,
  databaseFileName,
  isDamagedDatabase,
  openDatabase,
  StoreTooNewError,
} from '../desk/database.js';
import { schemaVersion, storeVersion } from '../desk/migrations.js';

/**
 * What stands in the ledger's submission column for a package: its unit and year, not its files, so a
 * package finding told once is not told again when a document of the package is resubmitted.
 */
export function packageMailId(pkg: { readonly unit: string; readonly year: number }): string {
  return `package:${unitKey(pkg.unit)}:${pkg.year}`;
}

export type MailRowState = 'pending' | 'sent' | 'failed';
export type MailTransportKind = 'smtp' | 'outbox';
/** Why a result got no message: nothing to report, or no contact for its unit. */
export type MailSkipReason = 'no-contact' | 'not-needed';

export interface MailRow {
  id: number;
  submissionSha256: string;
  unit: string | null;
  to: string[];
  cc: string[];
  findingsDigest: string;
  state: MailRowState;
  attempts: number;
  lastError: string | null;
  /** ISO timestamp before which a pending message is not retried. */
  nextAttemptAt: string | null;
  messageId: string;
  transport: MailTransportKind | null;
  outboxFile: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface RawMailRow {
  id: number;
  submission_sha256: string;
  unit: string | null;
  recipients: string;
  findings_digest: string;
  state: MailRowState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  message_id: string;
  transport: MailTransportKind | null;
  outbox_file: string | null;
  created_at: string;
  sent_at: string | null;
}

function fromRaw(raw: RawMailRow): MailRow {
  const recipients = JSON.parse(raw.recipients) as { to: string[]; cc: string[] };
  return {
    id: raw.id,
    submissionSha256: raw.submission_sha256,
    unit: raw.unit,
    to: recipients.to,
    cc: recipients.cc,
    findingsDigest: raw.findings_digest,
    state: raw.state,
    attempts: raw.attempts,
    lastError: raw.last_error,
    nextAttemptAt: raw.next_attempt_at,
    messageId: raw.message_id,
    transport: raw.transport,
    outboxFile: raw.outbox_file,
    createdAt: raw.created_at,
    sentAt: raw.sent_at,
  };
}

/**
 * What the unit is told, as a hash: the rejection or the sorted findings (rule, severity, message).
 * The same submission with the same digest has already been told everything.
 */
export function findingsDigest(result: Pick<CheckResult, 'status' | 'error' | 'findings'>): string {
  const lines =
    result.status === 'rejected'
      ? [`rejected\t${result.error?.code ?? ''}\t${result.error?.message ?? ''}`]
      : result.findings.map((finding) => `${finding.ruleId}\t${finding.severity}\t${finding.message}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** First retry after a minute, doubling up to six hours. */
export function retryDelayMs(attempts: number): number {
  const minute = 60_000;
  return Math.min(minute * 2 ** Math.max(0, attempts - 1), 6 * 60 * minute);
}

/** After this many failed attempts a message is given up (state `failed`) until a forced run. */
export const maxAttempts = 10;

export class MailStore {
  readonly #db: Db;
  readonly #owned: boolean;
  /** False only for a read-only store over a file that has never held mail. */
  readonly #hasTables: boolean;

  private constructor(db: Db, owned: boolean, readonly: boolean) {
    this.#db = db;
    this.#owned = owned;
    // The tables are created by migration 6 (desk/migrations.ts) when the store is opened for writing.
    this.#hasTables = readonly
      ? db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mails'`).get() !== undefined
      : true;
  }

  /** Opens `DIR/review-desk.sqlite` (WAL), or uses a connection the caller already holds. */
  static open(source: string | Db): MailStore {
    return typeof source === 'string'
      ? new MailStore(openDatabase(source), true, false)
      : new MailStore(source, false, false);
  }

  /** For a dry run: reads what was sent before and writes nothing; null when there is no store yet. */
  static openReadOnly(outDir: string): MailStore | null {
    const file = path.join(outDir, databaseFileName);
    if (!existsSync(file)) return null;
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      const version = storeVersion(db);
      if (version > schemaVersion) {
        db.close();
        throw new StoreTooNewError(file, version);
      }
      return new MailStore(db, true, true);
    } catch (error) {
      throw isDamagedDatabase(error) ? new DamagedDatabaseError(file, { cause: error }) : error;
    }
  }

  /** The newest message for this submission and digest, if any. */
  latest(sha256: string, digest: string): MailRow | null {
    if (!this.#hasTables) return null;
    const raw = this.#db
      .prepare('SELECT * FROM mails WHERE submission_sha256 = ? AND findings_digest = ? ORDER BY id DESC LIMIT 1')
      .get(sha256, digest) as RawMailRow | undefined;
    return raw ? fromRaw(raw) : null;
  }

  all(): MailRow[] {
    if (!this.#hasTables) return [];
    return (this.#db.prepare('SELECT * FROM mails ORDER BY id').all() as RawMailRow[]).map(fromRaw);
  }

  insertPending(row: {
    submissionSha256: string;
    unit: string | null;
    to: string[];
    cc: string[];
    findingsDigest: string;
    messageId: string;
    transport: MailTransportKind;
    now: Date;
    /** Until when the new row is held by this run (see `claim`). */
    claimUntil: Date;
  }): MailRow {
    const id = this.#db
      .prepare(
        `INSERT INTO mails (submission_sha256, unit, recipients, findings_digest, state, attempts, next_attempt_at,
           message_id, transport, created_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
      )
      .run(
        row.submissionSha256,
        row.unit,
        JSON.stringify({ to: row.to, cc: row.cc }),
        row.findingsDigest,
        row.claimUntil.toISOString(),
        row.messageId,
        row.transport,
        row.now.toISOString(),
      ).lastInsertRowid;
    this.#db.prepare('DELETE FROM mail_skips WHERE submission_sha256 = ?').run(row.submissionSha256);
    return this.#byId(Number(id));
  }

  /** Records which package findings (by findingKey) the message `mailId` carries. */
  notePackageFindings(mailId: number, keys: readonly string[]): void {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO mail_package_findings (mail_id, finding_key) VALUES (?, ?)');
    for (const key of keys) insert.run(mailId, key);
  }

  /**
   * The package findings (by findingKey) the unit has been told of and that have not been corrected
   * since: `packageId` stands in the messages' submission column (see packageMailId), so the ledger of
   * one package spans its files. A finding told, then corrected (notePackageCorrections), is untold
   * again: when a later resubmission brings it back, it is news to the unit.
   */
  toldPackageFindings(packageId: string): Set<string> {
    return new Set(this.#toldPackageFindings(packageId).keys());
  }

  /**
   * Notes which told package findings no longer stand (a resubmission corrected them): each is marked
   * corrected after the last message that told it, so its return is told again. Idempotent.
   */
  notePackageCorrections(packageId: string, standingKeys: readonly string[], now: Date): void {
    const standing = new Set(standingKeys);
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO mail_package_corrections (package_id, finding_key, after_mail_id, noted_at)
       VALUES (?, ?, ?, ?)`,
    );
    for (const [key, lastMailId] of this.#toldPackageFindings(packageId)) {
      if (!standing.has(key)) insert.run(packageId, key, lastMailId, now.toISOString());
    }
  }

  /**
   * For each package finding corrected before, the last message that told it before its latest
   * correction: a finding's return after a correction makes a message of its own (another digest).
   */
  packageCorrectionMarks(packageId: string): Map<string, number> {
    if (!this.#hasTable('mail_package_corrections')) return new Map();
    const rows = this.#db
      .prepare(
        `SELECT finding_key AS key, MAX(after_mail_id) AS after FROM mail_package_corrections
         WHERE package_id = ? GROUP BY finding_key`,
      )
      .all(packageId) as { key: string; after: number }[];
    return new Map(rows.map((row) => [row.key, row.after]));
  }

  /** Told and not corrected since, each with the last sent message that told it. */
  #toldPackageFindings(packageId: string): Map<string, number> {
    if (!this.#hasTable('mail_package_findings')) return new Map();
    const corrected = this.packageCorrectionMarks(packageId);
    const rows = this.#db
      .prepare(
        `SELECT f.finding_key AS key, MAX(m.id) AS lastMail FROM mail_package_findings f JOIN mails m ON m.id = f.mail_id
         WHERE m.submission_sha256 = ? AND m.state = 'sent' GROUP BY f.finding_key`,
      )
      .all(packageId) as { key: string; lastMail: number }[];
    return new Map(
      rows.filter((row) => row.lastMail > (corrected.get(row.key) ?? 0)).map((row) => [row.key, row.lastMail]),
    );
  }

  /** Whether a table exists: a read-only store written by an older version may lack the newer ones. */
  #hasTable(name: string): boolean {
    if (!this.#hasTables) return false;
    return this.#db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction: two runs (a watch and a `mail` command) cannot both decide
   * to send the same message.
   */
  exclusive<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  /** Holds a pending message for this run: others treat it as not due until `until`. */
  claim(id: number, until: Date): void {
    this.#db.prepare('UPDATE mails SET next_attempt_at = ? WHERE id = ?').run(until.toISOString(), id);
  }

  /** A pending message about to be retried: the contact list may have changed since it was recorded. */
  updateRecipients(id: number, to: string[], cc: string[], transport: MailTransportKind): void {
    this.#db
      .prepare('UPDATE mails SET recipients = ?, transport = ? WHERE id = ?')
      .run(JSON.stringify({ to, cc }), transport, id);
  }

  markSent(id: number, sent: { now: Date; outboxFile: string | null }): MailRow {
    this.#db
      .prepare(
        `UPDATE mails SET state = 'sent', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL,
           sent_at = ?, outbox_file = ? WHERE id = ?`,
      )
      .run(sent.now.toISOString(), sent.outboxFile, id);
    return this.#byId(id);
  }

  /** Counts the attempt; the message stays pending with a later retry time, or fails for good. */
  markAttemptFailed(id: number, failure: { now: Date; error: string; permanent: boolean }): MailRow {
    const attempts = this.#byId(id).attempts + 1;
    const giveUp = failure.permanent || attempts >= maxAttempts;
    const next = giveUp ? null : new Date(failure.now.getTime() + retryDelayMs(attempts)).toISOString();
    this.#db
      .prepare('UPDATE mails SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .run(giveUp ? 'failed' : 'pending', attempts, failure.error, next, id);
    return this.#byId(id);
  }

  noteSkip(sha256: string, reason: MailSkipReason, now: Date): void {
    this.#db
      .prepare(
        `INSERT INTO mail_skips (submission_sha256, reason, noted_at) VALUES (?, ?, ?)
         ON CONFLICT (submission_sha256) DO UPDATE SET reason = excluded.reason, noted_at = excluded.noted_at`,
      )
      .run(sha256, reason, now.toISOString());
  }

  /** Each submission's mail state for the summary: its newest message, else why it got none. */
  states(): Map<string, SummaryMailState> {
    const states = new Map<string, SummaryMailState>();
    if (!this.#hasTables) return states;
    const skips = this.#db.prepare('SELECT submission_sha256, reason FROM mail_skips').all() as {
      submission_sha256: string;
      reason: MailSkipReason;
    }[];
    for (const skip of skips) states.set(skip.submission_sha256, skip.reason);
    for (const row of this.all()) {
      const state: SummaryMailState = row.state === 'sent' && row.transport === 'outbox' ? 'outbox' : row.state;
      states.set(row.submissionSha256, state);
    }
    return states;
  }

  close(): void {
    if (this.#owned) this.#db.close();
  }

  #byId(id: number): MailRow {
    return fromRaw(this.#db.prepare('SELECT * FROM mails WHERE id = ?').get(id) as RawMailRow);
  }
}

/** Mail states by submission sha256, for the summary's 邮件 column (empty before any mail run). */
export function readMailStates(source: string | Db): Map<string, SummaryMailState> {
  const store = typeof source === 'string' ? MailStore.openReadOnly(source) : MailStore.open(source);
  if (!store) return new Map();
  try {
    return store.states();
  } finally {
    store.close();
  }
}
