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
   * The package findings (by findingKey) a sent message has told the unit of: `packageId` stands in the
   * messages' submission column (see packageMailId), so the ledger of one package spans its files.
   */
  toldPackageFindings(packageId: string): Set<string> {
    if (!this.#hasTables) return new Set();
    const hasTable =
      this.#db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mail_package_findings'`).get() !==
      undefined;
    if (!hasTable) return new Set();
    const rows = this.#db
      .prepare(
        `SELECT DISTINCT f.finding_key AS key FROM mail_package_findings f JOIN mails m ON m.id = f.mail_id
         WHERE m.submission_sha256 = ? AND m.state = 'sent'`,
      )
      .all(packageId) as { key: string }[];
    return new Set(rows.map((row) => row.key));
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
