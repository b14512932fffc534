/**
 * The `mail` command's engine: each unit with findings (or a rejected file) gets its discrepancy list
 * with the memo attached, addressed only from the bureau's contact list. Every message is recorded
 * before it is sent and updated after; the same findings are never mailed twice unless forced; a failed
 * send stays pending and goes out on a later run once its retry time has come.
 */
import { createHash, randomUUID } from 'node:crypto';
import { formatChineseDateTime } from '../../reports/chinese-date.js';
import { memoBaseName, safeFileName } from '../../reports/file-names.js';
import { findingKey } from '../../reports/finding-key.js';
import { type ComposedMail, composeMail, type MailContact, type MemoForMail } from '../../reports/mail-message.js';
import { renderMemoDocx, renderMemoHtml } from '../../reports/memo.js';
import { composePackageMail } from '../../reports/package-mail-message.js';
import type { CheckResult, PackageResult } from '../../reports/result-schema.js';
import { mailStateLabel } from '../../reports/summary.js';
import type { Db } from '../desk/database.js';
import { type Contact, loadContacts, matchContact } from './contacts.js';
import { findingsDigest, type MailRow, MailStore, packageMailId } from './mail-store.js';
import { createMailTransport, type MailTransport, SendError, senderAddress, smtpBudgetMs } from './mail-transport.js';

export type MailOutcome =
  | 'sent'
  | 'outbox'
  | 'already-sent'
  | 'pending'
  | 'failed'
  | 'no-contact'
  | 'not-needed'
  | 'would-send';

/** The summary's vocabulary of mail states (mailStateLabel), plus the two outcomes only a mail run has. */
export const mailOutcomeLabel: Record<MailOutcome, string> = {
  sent: mailStateLabel.sent,
  outbox: mailStateLabel.outbox,
  'already-sent': '此前已发送，未重复发送',
  pending: mailStateLabel.pending,
  failed: mailStateLabel.failed,
  'no-contact': mailStateLabel['no-contact'],
  'not-needed': mailStateLabel['not-needed'],
  'would-send': '将发送（演练，未发送）',
};

export interface MailRunEntry {
  file: string;
  sha256: string;
  unit: string | null;
  state: MailOutcome;
  recipients: { to: string[]; cc: string[] } | null;
  messageId: string | null;
  /** Chinese, when the state is pending or failed. */
  error: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  outboxFile: string | null;
  /** Not tried in this run: its time budget was spent (state pending, nothing recorded). */
  deferred: boolean;
}

export interface MailRunReport {
  transport: 'smtp' | 'outbox';
  /** Where mail went, without credentials. */
  destination: string;
  dryRun: boolean;
  entries: MailRunEntry[];
  counts: Record<MailOutcome, number>;
}

/** A unit's package to mail (SPEC §6–§8): its findings not told before, with the package memo attached. */
export interface PackageMail {
  readonly package: PackageResult;
  readonly memo: () => Promise<MemoForMail>;
}

export { packageMailId } from './mail-store.js';

/** Who a message is about, as the ledger, the log and the outbox name it: a submission or a package. */
interface Addressee {
  readonly sha256: string;
  readonly unit: string | null;
  /** For the log lines. */
  readonly label: string;
  /** The outbox file name's stem. */
  readonly stem: string;
}

function addresseeOf(result: CheckResult): Addressee {
  return {
    sha256: result.sha256,
    unit: result.report?.unit ?? null,
    label: describeUnit(result),
    stem: `${memoBaseName(result)}-${result.sha256.slice(0, 8)}`,
  };
}

export interface RunMailOptions {
  outDir: string;
  contactsFile: string;
  results: readonly CheckResult[];
  /** Packages whose findings are mailed after the results (a finding told once is never told again). */
  packages?: readonly PackageMail[];
  /** Send again even when the same findings were already sent (or gave up). */
  force?: boolean;
  /** List what would be sent; send nothing, record nothing. */
  dryRun?: boolean;
  /** A nodemailer connection URL; undefined reads SMTP_URL; empty or null writes to `DIR/outbox/`. */
  smtpUrl?: string | null;
  /** The run's clock, for timestamps and retry times. @default new Date() */
  now?: Date;
  log?: (line: string) => void;
  /** The memo to attach; by default rendered from the result. */
  memoFor?: (result: CheckResult) => Promise<MemoForMail>;
  /** A connection to `DIR/review-desk.sqlite` the caller already holds; by default the file is opened. */
  database?: Db;
  /**
   * The most time the run spends sending over SMTP; once spent, the remaining messages stay pending
   * for the next run. @default smtpBudgetMs() (SMTP_BUDGET_SECONDS, else 10 minutes)
   */
  budgetMs?: number;
}

/**
 * How long a run holds a message it is sending over SMTP: another run started meanwhile leaves it
 * alone; a run killed mid-send leaves it to be retried after this. The outbox needs no hold: a message
 * written twice is the same file.
 */
const smtpSendHoldMs = 5 * 60_000;

async function defaultMemo(result: CheckResult, date: Date): Promise<MemoForMail> {
  const context = { date };
  return {
    html: renderMemoHtml(result, context),
    docx: await renderMemoDocx(result, context),
    docxName: `${memoBaseName(result)}.docx`,
  };
}

function messageDomain(from: ReturnType<typeof senderAddress>): string {
  const address = typeof from === 'string' ? from : from.address;
  const domain = address.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '');
  return domain || 'review-desk.local';
}

function describeUnit(result: CheckResult): string {
  return result.report?.unit ?? result.file;
}

function recipientsText(contact: MailContact): string {
  return [...contact.to, ...contact.cc].join('、');
}

function newEntry(result: Pick<CheckResult, 'file' | 'sha256' | 'report'>): MailRunEntry {
  return {
    file: result.file,
    sha256: result.sha256,
    unit: result.report?.unit ?? null,
    state: 'not-needed',
    recipients: null,
    messageId: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    outboxFile: null,
    deferred: false,
  };
}

/** One run over a batch: the contact list, the ledger and the transport, and what became of each result. */
class MailRun {
  readonly entries: MailRunEntry[] = [];
  readonly budgetMs: number;
  readonly #options: RunMailOptions;
  readonly #now: Date;
  readonly #log: (line: string) => void;
  readonly #dryRun: boolean;
  readonly #contacts: Contact[];
  readonly #transport: MailTransport;
  readonly #store: MailStore | null;
  readonly #from: ReturnType<typeof senderAddress>;
  readonly #holdUntil: Date;

  constructor(options: RunMailOptions) {
    this.#options = options;
    this.#now = options.now ?? new Date();
    this.#log = options.log ?? (() => {});
    this.#dryRun = Boolean(options.dryRun);
    const smtpUrl = options.smtpUrl === undefined ? process.env.SMTP_URL : options.smtpUrl;
    this.#contacts = loadContacts(options.contactsFile);
    this.budgetMs = options.budgetMs ?? smtpBudgetMs();
    this.#transport = createMailTransport({ outDir: options.outDir, smtpUrl, budgetMs: this.budgetMs });
    this.#from = senderAddress(smtpUrl);
    this.#holdUntil = new Date(this.#now.getTime() + (this.#transport.kind === 'smtp' ? smtpSendHoldMs : 0));
    this.#store = options.database
      ? MailStore.open(options.database)
      : this.#dryRun
        ? MailStore.openReadOnly(options.outDir)
        : MailStore.open(options.outDir);
  }

  get transport(): MailTransport {
    return this.#transport;
  }

  close(): void {
    this.#transport.close();
    if (!this.#options.database) this.#store?.close();
  }

  /** Leaves a result for the next run, untried and unrecorded: the run's time budget is spent. */
  defer(result: CheckResult): void {
    const entry = newEntry(result);
    entry.state = 'pending';
    entry.deferred = true;
    entry.error = `本次发信时间（${Math.round(this.budgetMs / 1000)}秒）已用完，留待下次发送`;
    this.entries.push(entry);
  }

  async mail(result: CheckResult): Promise<void> {
    const entry = newEntry(result);
    this.entries.push(entry);
    if (result.status !== 'rejected' && result.findings.length === 0) {
      if (!this.#dryRun) this.#store?.noteSkip(result.sha256, 'not-needed', this.#now);
      return;
    }
    const contact = matchContact(this.#contacts, result.report?.unit, result.file);
    if (!contact) {
      entry.state = 'no-contact';
      if (!this.#dryRun) this.#store?.noteSkip(result.sha256, 'no-contact', this.#now);
      this.#log(
        result.report?.unit
          ? `未配置联系人：${result.report.unit}，未发送（请在联系人表中添加该单位）`
          : `未能确定报送单位：${result.file}，未发送（文件中读不出单位，文件名也不含联系人表中的单位名称，请直接联系报送人）`,
      );
      return;
    }
    entry.recipients = { to: contact.to, cc: contact.cc };
    const digest = findingsDigest(result);

    const addressee = addresseeOf(result);
    const early = this.#blocking(this.#store?.latest(result.sha256, digest) ?? null);
    if (early) return this.#reportEarlier(entry, addressee, early);

    // Compose before recording: a memo that cannot be read is reported and leaves nothing half-recorded.
    let mail: ComposedMail;
    try {
      const memo = await (this.#options.memoFor ? this.#options.memoFor(result) : defaultMemo(result, this.#now));
      mail = composeMail(result, memo, contact, { date: this.#now });
    } catch (error) {
      entry.state = 'failed';
      entry.error = `无法生成审核意见附件：${(error as Error).message}`;
      this.#log(`发送失败：${describeUnit(result)}，${entry.error}`);
      return;
    }

    const decision = this.#record(addressee, contact, digest);
    if ('earlier' in decision) return this.#reportEarlier(entry, addressee, decision.earlier);
    if (!decision.row) {
      entry.state = 'would-send';
      this.#log(`将发送（演练）：${describeUnit(result)} → ${recipientsText(contact)}：${mail.subject}`);
      return;
    }
    await this.#send(entry, addressee, contact, mail, decision.row);
  }

  /**
   * Mails the package findings the unit has not been told of: one told by a sent message and still
   * standing is not mailed again, a new one is, whichever files of the package it involves.
   */
  async mailPackage(item: PackageMail): Promise<void> {
    const pkg = item.package;
    const id = packageMailId(pkg);
    const label = `${pkg.unit}${pkg.year}年度报送材料`;
    const entry: MailRunEntry = { ...newEntry({ file: label, sha256: id, report: null }), unit: pkg.unit };
    this.entries.push(entry);
    const standing = pkg.findings.map((finding) => ({ finding, key: findingKey(finding) }));
    // What was told and no longer stands was corrected: should it come back, it is news again.
    if (!this.#dryRun) {
      this.#store?.notePackageCorrections(
        id,
        standing.map((standingFinding) => standingFinding.key),
        this.#now,
      );
    }
    const told = this.#options.force ? new Set<string>() : (this.#store?.toldPackageFindings(id) ?? new Set<string>());
    const fresh = standing.filter((standingFinding) => !told.has(standingFinding.key));
    if (fresh.length === 0) {
      entry.state = standing.length === 0 ? 'not-needed' : 'already-sent';
      if (standing.length > 0) this.#log(`未重复发送：${label}核对发现的${standing.length}项不一致此前均已告知`);
      return;
    }
    const contact = matchContact(this.#contacts, pkg.unit);
    if (!contact) {
      entry.state = 'no-contact';
      // Recorded as a document's is, so 汇总 and the desk say why the package message never went.
      if (!this.#dryRun) this.#store?.noteSkip(id, 'no-contact', this.#now);
      this.#log(`未配置联系人：${pkg.unit}，报送材料核对意见未发送（请在联系人表中添加该单位）`);
      return;
    }
    entry.recipients = { to: contact.to, cc: contact.cc };
    const keys = [...new Set(fresh.map((freshFinding) => freshFinding.key))].sort();
    // A finding back after a correction is told in a message of its own, not taken for the earlier one.
    const corrected = this.#store?.packageCorrectionMarks(id) ?? new Map<string, number>();
    const digest = createHash('sha256')
      .update(
        ['package', ...keys.map((key) => (corrected.has(key) ? `${key}\t${corrected.get(key)}` : key))].join('\n'),
      )
      .digest('hex');
    const addressee: Addressee = {
      sha256: id,
      unit: pkg.unit,
      label,
      stem: safeFileName(`${pkg.unit}-${pkg.year}-报送材料核对`),
    };
    const early = this.#blocking(this.#store?.latest(id, digest) ?? null);
    if (early) return this.#reportEarlier(entry, addressee, early);
    let mail: ComposedMail;
    try {
      const memo = await item.memo();
      mail = composePackageMail(
        pkg,
        fresh.map((freshFinding) => freshFinding.finding),
        standing.length - fresh.length,
        memo,
        contact,
        { date: this.#now },
      );
    } catch (error) {
      entry.state = 'failed';
      entry.error = `无法生成报送材料核对意见附件：${(error as Error).message}`;
      this.#log(`发送失败：${label}，${entry.error}`);
      return;
    }
    const decision = this.#record(addressee, contact, digest, keys);
    if ('earlier' in decision) return this.#reportEarlier(entry, addressee, decision.earlier);
    if (!decision.row) {
      entry.state = 'would-send';
      this.#log(`将发送（演练）：${label} → ${recipientsText(contact)}：${mail.subject}`);
      return;
    }
    await this.#send(entry, addressee, contact, mail, decision.row);
  }

  /** The earlier message that makes a new one unnecessary now: already sent, given up, or not yet due. */
  #blocking(previous: MailRow | null): MailRow | null {
    if (!previous || this.#options.force) return null;
    if (previous.state !== 'pending') return previous;
    return previous.nextAttemptAt && previous.nextAttemptAt > this.#now.toISOString() ? previous : null;
  }

  /**
   * Decides and records in one IMMEDIATE transaction, so that a concurrent run cannot pick the same
   * message: a pending message is taken over (same Message-ID), otherwise a new one is recorded.
   */
  #record(
    addressee: Addressee,
    contact: Contact,
    digest: string,
    packageKeys: readonly string[] = [],
  ): { earlier: MailRow } | { row: MailRow | null } {
    const store = this.#store;
    if (this.#dryRun || !store) {
      const earlier = this.#blocking(store?.latest(addressee.sha256, digest) ?? null);
      return earlier ? { earlier } : { row: null };
    }
    return store.exclusive(() => {
      const previous = store.latest(addressee.sha256, digest);
      const earlier = this.#blocking(previous);
      if (earlier) return { earlier };
      if (previous?.state === 'pending') {
        store.claim(previous.id, this.#holdUntil);
        store.updateRecipients(previous.id, contact.to, contact.cc, this.#transport.kind);
        return { row: previous };
      }
      const row = store.insertPending({
        submissionSha256: addressee.sha256,
        unit: addressee.unit ?? contact.unit,
        to: contact.to,
        cc: contact.cc,
        findingsDigest: digest,
        messageId: `<${randomUUID()}@${messageDomain(this.#from)}>`,
        transport: this.#transport.kind,
        now: this.#now,
        claimUntil: this.#holdUntil,
      });
      store.notePackageFindings(row.id, packageKeys);
      return { row };
    });
  }

  async #send(entry: MailRunEntry, addressee: Addressee, contact: Contact, mail: ComposedMail, row: MailRow) {
    const store = this.#store!;
    const now = this.#now;
    entry.messageId = row.messageId;
    // The row id makes the outbox file name stable: a message retried after a crash overwrites its own file.
    const fileStem = `${addressee.stem}-${row.id}`;
    try {
      const sent = await this.#transport.send(
        { ...mail, from: this.#from, messageId: row.messageId, date: now },
        fileStem,
      );
      const updated = store.markSent(row.id, { now, outboxFile: sent.outboxFile });
      entry.state = this.#transport.kind === 'smtp' ? 'sent' : 'outbox';
      entry.attempts = updated.attempts;
      entry.outboxFile = sent.outboxFile;
      this.#log(
        this.#transport.kind === 'smtp'
          ? `已发送：${addressee.label} → ${recipientsText(contact)}`
          : `已写入发件箱：${addressee.label} → ${sent.outboxFile}`,
      );
    } catch (error) {
      const failure = error instanceof SendError ? error : new SendError(`发送失败（${String(error)}）`, false);
      const updated = store.markAttemptFailed(row.id, { now, error: failure.message, permanent: failure.permanent });
      entry.state = updated.state === 'failed' ? 'failed' : 'pending';
      entry.error = failure.message;
      entry.attempts = updated.attempts;
      entry.nextAttemptAt = updated.nextAttemptAt;
      this.#log(
        entry.state === 'failed'
          ? `发送失败：${addressee.label}，${failure.message}，已放弃重试（共尝试${updated.attempts}次）`
          : `发送失败：${addressee.label}，${failure.message}；第${updated.attempts}次尝试，` +
              `将于${formatChineseDateTime(updated.nextAttemptAt!)}后重试`,
      );
    }
  }

  #reportEarlier(entry: MailRunEntry, addressee: Addressee, earlier: MailRow): void {
    entry.messageId = earlier.messageId;
    entry.attempts = earlier.attempts;
    entry.nextAttemptAt = earlier.nextAttemptAt;
    entry.outboxFile = earlier.outboxFile;
    entry.error = earlier.lastError;
    entry.state = earlier.state === 'sent' ? 'already-sent' : earlier.state;
    const unit = addressee.label;
    this.#log(
      earlier.state === 'sent'
        ? `未重复发送：${unit}，相同的审核意见已于${formatChineseDateTime(earlier.sentAt ?? '')}发送（如需重发请使用 --force）`
        : earlier.state === 'failed'
          ? `发送失败：${unit}，已放弃重试（${earlier.lastError ?? ''}；如需重发请使用 --force）`
          : `待发送：${unit}，将于${formatChineseDateTime(earlier.nextAttemptAt ?? '')}后重试`,
    );
  }
}

function countOutcomes(entries: readonly MailRunEntry[]): Record<MailOutcome, number> {
  const counts = Object.fromEntries(Object.keys(mailOutcomeLabel).map((state) => [state, 0])) as Record<
    MailOutcome,
    number
  >;
  for (const entry of entries) counts[entry.state]++;
  return counts;
}

export async function runMail(options: RunMailOptions): Promise<MailRunReport> {
  const run = new MailRun(options);
  const log = options.log ?? (() => {});
  const { transport } = run;
  log(
    transport.kind === 'smtp'
      ? `邮件经${transport.description}发送`
      : `未设置 SMTP_URL，邮件写入${transport.description}（.eml 文件，可用邮件客户端打开发送）`,
  );
  // A hung server must not hold the run for a minute per message: past the budget, the rest wait.
  const deadline = Date.now() + run.budgetMs;
  try {
    for (const result of options.results) {
      if (transport.kind === 'smtp' && !options.dryRun && Date.now() >= deadline) run.defer(result);
      else await run.mail(result);
    }
    // A package past the budget is simply not tried: its findings stay untold, and the next run tells them.
    for (const item of options.packages ?? []) {
      if (transport.kind === 'smtp' && !options.dryRun && Date.now() >= deadline) break;
      await run.mailPackage(item);
    }
  } finally {
    run.close();
  }
  const counts = countOutcomes(run.entries);
  const deferred = run.entries.filter((entry) => entry.deferred).length;
  if (deferred > 0) {
    log(`本次发信已用完时间限额（${Math.round(run.budgetMs / 1000)}秒），其余${deferred}份留待下次发送`);
  }
  const dryRun = Boolean(options.dryRun);
  log(
    `邮件${dryRun ? '演练' : ''}完成：` +
      (Object.keys(counts) as MailOutcome[])
        .filter((state) => counts[state] > 0)
        .map((state) => `${mailOutcomeLabel[state]}${counts[state]}份`)
        .join('，'),
  );
  return { transport: transport.kind, destination: transport.description, dryRun, entries: run.entries, counts };
}
