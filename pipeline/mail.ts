/**
 * The `mail` command's engine: each unit with findings (or a rejected file) gets its discrepancy list
 * with the memo attached, addressed only from the bureau's contact list. Every message is recorded
 * before it is sent and updated after; the same findings are never mailed twice unless forced; a failed
 * send stays pending and goes out on a later run once its retry time has come.
 */
import { randomUUID } from 'node:crypto';
import { memoBaseName } from '../reports/file-names.js';
import { composeMail, type MemoForMail } from '../reports/mail-message.js';
import { renderMemoDocx, renderMemoHtml } from '../reports/memo.js';
import type { CheckResult } from '../reports/result-schema.js';
import { loadContacts, matchContact } from './contacts.js';
import type { Db } from './database.js';
import { findingsDigest, type MailRow, MailStore } from './mail-store.js';
import { createMailTransport, SendError, senderAddress } from './mail-transport.js';

export type MailOutcome =
  | 'sent'
  | 'outbox'
  | 'already-sent'
  | 'pending'
  | 'failed'
  | 'no-contact'
  | 'not-needed'
  | 'would-send';

export const mailOutcomeLabel: Record<MailOutcome, string> = {
  sent: '已发送',
  outbox: '已写入发件箱',
  'already-sent': '此前已发送，未重复发送',
  pending: '待发送（稍后重试）',
  failed: '发送失败',
  'no-contact': '未配置联系人',
  'not-needed': '无需发送',
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
}

export interface MailRunReport {
  transport: 'smtp' | 'outbox';
  /** Where mail went, without credentials. */
  destination: string;
  dryRun: boolean;
  entries: MailRunEntry[];
  counts: Record<MailOutcome, number>;
}

export interface RunMailOptions {
  outDir: string;
  contactsFile: string;
  results: readonly CheckResult[];
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

export async function runMail(options: RunMailOptions): Promise<MailRunReport> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const dryRun = Boolean(options.dryRun);
  const smtpUrl = options.smtpUrl === undefined ? process.env.SMTP_URL : options.smtpUrl;
  const contacts = loadContacts(options.contactsFile);
  const transport = createMailTransport({ outDir: options.outDir, smtpUrl });
  const from = senderAddress(smtpUrl);
  const domain = messageDomain(from);
  const store = options.database
    ? MailStore.open(options.database)
    : dryRun
      ? MailStore.openReadOnly(options.outDir)
      : MailStore.open(options.outDir);
  const holdUntil = new Date(now.getTime() + (transport.kind === 'smtp' ? smtpSendHoldMs : 0));
  const entries: MailRunEntry[] = [];

  log(
    transport.kind === 'smtp'
      ? `邮件经${transport.description}发送`
      : `未设置 SMTP_URL，邮件写入${transport.description}（.eml 文件，可用邮件客户端打开发送）`,
  );

  try {
    for (const result of options.results) {
      const entry: MailRunEntry = {
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
      };
      entries.push(entry);

      if (result.status !== 'rejected' && result.findings.length === 0) {
        if (!dryRun) store?.noteSkip(result.sha256, 'not-needed', now);
        continue;
      }
      const contact = matchContact(contacts, result.report?.unit, result.file);
      if (!contact) {
        entry.state = 'no-contact';
        if (!dryRun) store?.noteSkip(result.sha256, 'no-contact', now);
        log(`未配置联系人：${describeUnit(result)}，未发送（请在联系人表中添加该单位）`);
        continue;
      }
      entry.recipients = { to: contact.to, cc: contact.cc };
      const digest = findingsDigest(result);

      /** The earlier message that makes this one unnecessary now: already sent, given up, or not yet due. */
      const blocking = (previous: MailRow | null): MailRow | null => {
        if (!previous || options.force) return null;
        if (previous.state !== 'pending') return previous;
        return previous.nextAttemptAt && previous.nextAttemptAt > now.toISOString() ? previous : null;
      };
      // Decide and record in one transaction, so that a concurrent run cannot pick the same message.
      const decide = (): { row: MailRow | null; skip: MailRow | null } => {
        const previous = store?.latest(result.sha256, digest) ?? null;
        const skip = blocking(previous);
        if (skip) return { row: null, skip };
        if (dryRun || !store) return { row: null, skip: null };
        if (previous?.state === 'pending') {
          store.claim(previous.id, holdUntil);
          store.updateRecipients(previous.id, contact.to, contact.cc, transport.kind);
          return { row: previous, skip: null };
        }
        const row = store.insertPending({
          submissionSha256: result.sha256,
          unit: result.report?.unit ?? contact.unit,
          to: contact.to,
          cc: contact.cc,
          findingsDigest: digest,
          messageId: `<${randomUUID()}@${domain}>`,
          transport: transport.kind,
          now,
          claimUntil: holdUntil,
        });
        return { row, skip: null };
      };

      const report = (skip: MailRow): void => {
        entry.messageId = skip.messageId;
        entry.attempts = skip.attempts;
        entry.nextAttemptAt = skip.nextAttemptAt;
        entry.outboxFile = skip.outboxFile;
        entry.error = skip.lastError;
        entry.state = skip.state === 'sent' ? 'already-sent' : skip.state;
        log(
          skip.state === 'sent'
            ? `未重复发送：${describeUnit(result)}，相同的审核意见已于${skip.sentAt}发送（如需重发请使用 --force）`
            : skip.state === 'failed'
              ? `发送失败：${describeUnit(result)}，已放弃重试（${skip.lastError ?? ''}；如需重发请使用 --force）`
              : `待发送：${describeUnit(result)}，将于${skip.nextAttemptAt}后重试`,
        );
      };
      const early = blocking(store?.latest(result.sha256, digest) ?? null);
      if (early) {
        report(early);
        continue;
      }

      // Compose before recording: a memo that cannot be read is reported and leaves nothing half-recorded.
      let mail: ReturnType<typeof composeMail>;
      try {
        const memo = await (options.memoFor ? options.memoFor(result) : defaultMemo(result, now));
        mail = composeMail(result, memo, contact, { date: now });
      } catch (error) {
        entry.state = 'failed';
        entry.error = `无法生成审核意见附件：${(error as Error).message}`;
        log(`发送失败：${describeUnit(result)}，${entry.error}`);
        continue;
      }

      const { row, skip } = dryRun || !store ? decide() : store.exclusive(decide);
      if (skip) {
        report(skip);
        continue;
      }
      if (!row) {
        entry.state = 'would-send';
        log(`将发送（演练）：${describeUnit(result)} → ${[...contact.to, ...contact.cc].join('、')}：${mail.subject}`);
        continue;
      }

      entry.messageId = row.messageId;
      const fileStem = `${memoBaseName(result)}-${result.sha256.slice(0, 8)}-${row.id}`;
      try {
        const sent = await transport.send({ ...mail, from, messageId: row.messageId, date: now }, fileStem);
        const updated = store!.markSent(row.id, { now, outboxFile: sent.outboxFile });
        entry.state = transport.kind === 'smtp' ? 'sent' : 'outbox';
        entry.attempts = updated.attempts;
        entry.outboxFile = sent.outboxFile;
        log(
          transport.kind === 'smtp'
            ? `已发送：${describeUnit(result)} → ${[...contact.to, ...contact.cc].join('、')}`
            : `已写入发件箱：${describeUnit(result)} → ${sent.outboxFile}`,
        );
      } catch (error) {
        const failure = error instanceof SendError ? error : new SendError(`发送失败（${String(error)}）`, false);
        const updated = store!.markAttemptFailed(row.id, { now, error: failure.message, permanent: failure.permanent });
        entry.state = updated.state === 'failed' ? 'failed' : 'pending';
        entry.error = failure.message;
        entry.attempts = updated.attempts;
        entry.nextAttemptAt = updated.nextAttemptAt;
        log(
          entry.state === 'failed'
            ? `发送失败：${describeUnit(result)}，${failure.message}，已放弃重试（第${updated.attempts}次）`
            : `发送失败：${describeUnit(result)}，${failure.message}；第${updated.attempts}次尝试，将于${updated.nextAttemptAt}后重试`,
        );
      }
    }
  } finally {
    transport.close();
    if (!options.database) store?.close();
  }

  const counts = Object.fromEntries(Object.keys(mailOutcomeLabel).map((state) => [state, 0])) as Record<
    MailOutcome,
    number
  >;
  for (const entry of entries) counts[entry.state]++;
  log(
    `邮件${dryRun ? '演练' : ''}完成：` +
      (Object.keys(counts) as MailOutcome[])
        .filter((state) => counts[state] > 0)
        .map((state) => `${mailOutcomeLabel[state]}${counts[state]}份`)
        .join('，'),
  );
  return { transport: transport.kind, destination: transport.description, dryRun, entries, counts };
}
