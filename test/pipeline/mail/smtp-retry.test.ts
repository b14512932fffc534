/** With the mail server down, messages stay pending with attempts counted, and go out once it is back. */
import { afterAll, describe, expect, it } from 'vitest';
import { runMail } from '../../../pipeline/mail/mail.js';
import { MailStore } from '../../../pipeline/mail/mail-store.js';
import { seedResult, unitResult, warningFinding } from '../../reports/support/seed-result.js';
import { batchContactsCsv, tempOutDir, writeContacts } from './support/fixtures.js';
import { startSmtpSink } from './support/smtp-sink.js';

const start = new Date('2024-05-06T02:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe('a mail server that is down', () => {
  const out = tempOutDir();
  const contactsFile = writeContacts(out.dir, batchContactsCsv);
  const results = [seedResult(), unitResult('县教育局', '2', [warningFinding])];

  afterAll(() => out.cleanup());

  it('keeps messages pending with attempts counted and retries them with growing delays', async () => {
    // A port that was just listening and is now closed: connections are refused.
    const probe = await startSmtpSink();
    const { port, url } = probe;
    await probe.close();

    const firstTry = await runMail({ outDir: out.dir, contactsFile, results, smtpUrl: url, now: at(0) });
    expect(firstTry.entries.map((entry) => [entry.state, entry.attempts, entry.nextAttemptAt])).toEqual([
      ['pending', 1, at(60).toISOString()],
      ['pending', 1, at(60).toISOString()],
    ]);
    expect(firstTry.entries[0]!.error).toContain('无法连接邮件服务器');

    // Before the retry time nothing is attempted.
    const tooEarly = await runMail({ outDir: out.dir, contactsFile, results, smtpUrl: url, now: at(30) });
    expect(tooEarly.entries.map((entry) => [entry.state, entry.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);

    const secondTry = await runMail({ outDir: out.dir, contactsFile, results, smtpUrl: url, now: at(61) });
    expect(secondTry.entries.map((entry) => [entry.state, entry.attempts, entry.nextAttemptAt])).toEqual([
      ['pending', 2, at(61 + 120).toISOString()],
      ['pending', 2, at(61 + 120).toISOString()],
    ]);

    const store = MailStore.open(out.dir);
    const rows = store.all();
    store.close();
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => [row.state, row.attempts])).toEqual([
      ['pending', 2],
      ['pending', 2],
    ]);
    expect(rows[0]!.lastError).toContain('无法连接邮件服务器');

    // The server is back on the same port: the pending messages go out, once, with their recorded Message-ID.
    const sink = await startSmtpSink({ port });
    try {
      const notYet = await runMail({ outDir: out.dir, contactsFile, results, smtpUrl: url, now: at(100) });
      expect(notYet.entries.map((entry) => entry.state)).toEqual(['pending', 'pending']);
      expect(sink.received).toHaveLength(0);

      const delivered = await runMail({ outDir: out.dir, contactsFile, results, smtpUrl: url, now: at(200) });
      expect(delivered.entries.map((entry) => [entry.state, entry.attempts])).toEqual([
        ['sent', 3],
        ['sent', 3],
      ]);
      expect(sink.received.map((received) => received.parsed.messageId)).toEqual(rows.map((row) => row.messageId));
      expect(sink.received[0]!.parsed.subject).toBe(
        '【审核意见】平等乡人民政府2023年度部门整体绩效自评报告：需修改后重新报送',
      );

      const afterwards = await runMail({ outDir: out.dir, contactsFile, results, smtpUrl: url, now: at(400) });
      expect(afterwards.entries.map((entry) => entry.state)).toEqual(['already-sent', 'already-sent']);
      expect(sink.received).toHaveLength(2);
    } finally {
      await sink.close();
    }
  });
});
