/** Without SMTP_URL, each message is a real .eml file in DIR/outbox/ that a mail reader opens as sent. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMail } from '../../../pipeline/mail/mail.js';
import { readMailStates } from '../../../pipeline/mail/mail-store.js';
import { seedResult } from '../../reports/support/seed-result.js';
import { batchContactsCsv, tempOutDir, writeContacts } from './support/fixtures.js';

const now = new Date('2024-05-06T02:00:00Z');

describe('the outbox transport', () => {
  const out = tempOutDir();
  const contactsFile = writeContacts(out.dir, batchContactsCsv);
  let report: Awaited<ReturnType<typeof runMail>>;

  beforeAll(async () => {
    report = await runMail({ outDir: out.dir, contactsFile, results: [seedResult()], smtpUrl: '', now });
  });

  afterAll(() => out.cleanup());

  it('writes one .eml file per message into DIR/outbox/', () => {
    expect(report.transport).toBe('outbox');
    expect(report.entries[0]!.state).toBe('outbox');
    const files = readdirSync(path.join(out.dir, 'outbox'));
    expect(files).toEqual([`平等乡人民政府-2023-${seedResult().sha256.slice(0, 8)}-1.eml`]);
    expect(report.entries[0]!.outboxFile).toBe(path.join(out.dir, 'outbox', files[0]!));
  });

  it('is an RFC 822 message that mailparser reads back with subject, recipients, body and attachment', async () => {
    const raw = readFileSync(report.entries[0]!.outboxFile!);
    expect(raw.includes('\r\n')).toBe(true);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('【审核意见】平等乡人民政府2023年度部门整体绩效自评报告：需修改后重新报送');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((entry) => entry.address) : null).toEqual([
      'pingdeng@example.cn',
    ]);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((entry) => entry.address) : null).toEqual([
      'caizheng@example.cn',
      'jixiao@example.cn',
    ]);
    expect(mail.from?.value[0]?.address).toBe('review-desk@localhost');
    expect(mail.messageId).toBe(report.entries[0]!.messageId);
    expect(mail.date?.toISOString()).toBe(now.toISOString());
    for (const finding of seedResult().findings) expect(mail.text).toContain(finding.message);
    expect(mail.html).toContain('需修改后重新报送');
    expect(mail.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([
      ['平等乡人民政府-2023.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
  });

  it('records the message as written to the outbox, and does not write it twice', async () => {
    expect(readMailStates(out.dir).get(seedResult().sha256)).toBe('outbox');
    const again = await runMail({ outDir: out.dir, contactsFile, results: [seedResult()], smtpUrl: '', now });
    expect(again.entries[0]!.state).toBe('already-sent');
    expect(readdirSync(path.join(out.dir, 'outbox'))).toHaveLength(1);
  });
});

describe('a dry run on a fresh folder', () => {
  it('creates no store and no outbox', async () => {
    const out = tempOutDir();
    try {
      const contactsFile = writeContacts(out.dir, batchContactsCsv);
      const report = await runMail({
        outDir: out.dir,
        contactsFile,
        results: [seedResult()],
        smtpUrl: '',
        now,
        dryRun: true,
      });
      expect(report.dryRun).toBe(true);
      expect(report.entries[0]!.state).toBe('would-send');
      expect(existsSync(path.join(out.dir, 'review-desk.sqlite'))).toBe(false);
      expect(existsSync(path.join(out.dir, 'outbox'))).toBe(false);
    } finally {
      out.cleanup();
    }
  });
});

describe('a memo that cannot be read', () => {
  it('is reported as failed and leaves nothing recorded, so a later run tries again', async () => {
    const out = tempOutDir();
    try {
      const contactsFile = writeContacts(out.dir, batchContactsCsv);
      const failing = await runMail({
        outDir: out.dir,
        contactsFile,
        results: [seedResult()],
        smtpUrl: '',
        now,
        memoFor: async () => {
          throw new Error('ENOENT: memos/平等乡人民政府-2023.docx');
        },
      });
      expect(failing.entries[0]).toMatchObject({ state: 'failed', messageId: null });
      expect(failing.entries[0]!.error).toContain('无法生成审核意见附件');
      expect(readMailStates(out.dir).get(seedResult().sha256)).toBeUndefined();
      const later = await runMail({ outDir: out.dir, contactsFile, results: [seedResult()], smtpUrl: '', now });
      expect(later.entries[0]!.state).toBe('outbox');
    } finally {
      out.cleanup();
    }
  });
});
