/** A batch mailed through a real SMTP server in the test process, read back with mailparser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMail } from '../../../pipeline/mail/mail.js';
import { readMailStates } from '../../../pipeline/mail/mail-store.js';
import type { CheckResult } from '../../../reports/result-schema.js';
import {
  dynamicAdjustmentFinding,
  rejectedResult,
  seedResult,
  unitResult,
  warningFinding,
} from '../../reports/support/seed-result.js';
import { batchContactsCsv, tempOutDir, writeContacts } from './support/fixtures.js';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const now = new Date('2024-05-06T02:00:00Z');

const batch: CheckResult[] = [
  seedResult(),
  unitResult('县教育局', '2', [warningFinding]),
  rejectedResult('encrypted', '文件已加密（设置了打开密码），无法读取。', 'inbox/城关镇人民政府-2023.docx'),
  unitResult('龙山乡人民政府', '4', [dynamicAdjustmentFinding]),
  unitResult('县水务局', '5', []),
];

function addressesOf(field: ReceivedMail['parsed']['to']): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? ''));
}

describe('mailing a batch over SMTP', () => {
  let sink: SmtpSink;
  const out = tempOutDir();
  const contactsFile = writeContacts(out.dir, batchContactsCsv);
  let first: Awaited<ReturnType<typeof runMail>>;
  const lines: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    first = await runMail({
      outDir: out.dir,
      contactsFile,
      results: batch,
      smtpUrl: sink.url,
      now,
      log: (line) => lines.push(line),
    });
  });

  afterAll(async () => {
    await sink.close();
    out.cleanup();
  });

  it('sends one message per unit with something to report and a contact', () => {
    expect(first.transport).toBe('smtp');
    expect(first.entries.map((entry) => entry.state)).toEqual(['sent', 'sent', 'sent', 'no-contact', 'not-needed']);
    expect(sink.received).toHaveLength(3);
    expect(lines).toContain('未配置联系人：龙山乡人民政府，未发送（请在联系人表中添加该单位）');
  });

  it('addresses the seed to its contact and cc list only', () => {
    const mail = sink.received.find((received) => received.envelope.to.includes('pingdeng@example.cn'))!;
    expect(addressesOf(mail.parsed.to)).toEqual(['pingdeng@example.cn']);
    expect(addressesOf(mail.parsed.cc)).toEqual(['caizheng@example.cn', 'jixiao@example.cn']);
    expect(mail.envelope.to).toEqual(['pingdeng@example.cn', 'caizheng@example.cn', 'jixiao@example.cn']);
    expect(mail.parsed.bcc).toBeUndefined();
  });

  it('gives a Chinese subject with unit, year and verdict', () => {
    const subjects = sink.received.map((received) => received.parsed.subject);
    expect(subjects).toEqual([
      '【审核意见】平等乡人民政府2023年度部门整体绩效自评报告：需修改后重新报送',
      '【审核意见】县教育局2023年度部门整体绩效自评报告：通过',
      '【审核意见】城关镇部门整体绩效自评报告：退回，请重新报送',
    ]);
  });

  it('lists every finding with its evidence and location in the text body, and the memo as HTML', () => {
    const mail = sink.received[0]!;
    const text = mail.parsed.text ?? '';
    for (const finding of seedResult().findings) expect(text).toContain(finding.message);
    expect(text).toContain('依据：动态调整：「动态调整（15分）」（打分表第7行第2列）');
    expect(text).toContain('建议：标注应为20分，或三级指标分值应减少5分');
    expect(text.startsWith('平等乡人民政府：')).toBe(true);
    expect(mail.parsed.html).toContain('<title>平等乡人民政府2023年度部门整体绩效自评报告审核意见</title>');
    expect(mail.parsed.html).toContain('（打分表第13行第2列）');
  });

  it('attaches the memo as a Word document', () => {
    const attachments = sink.received[0]!.parsed.attachments;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.filename).toBe('平等乡人民政府-2023.docx');
    expect(attachments[0]!.contentType).toBe(docxType);
    expect(attachments[0]!.content.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('tells a unit whose file could not be read why, and what to send instead', () => {
    const text = sink.received[2]!.parsed.text ?? '';
    expect(text).toContain('原因：文件已加密（设置了打开密码），无法读取。');
    expect(text).toContain('请取消密码后重新报送');
  });

  it('records each message with the Message-ID it went out with', () => {
    const ids = sink.received.map((received) => received.parsed.messageId);
    expect(first.entries.slice(0, 3).map((entry) => entry.messageId)).toEqual(ids);
    const states = readMailStates(out.dir);
    expect(states.get(batch[0]!.sha256)).toBe('sent');
    expect(states.get(batch[3]!.sha256)).toBe('no-contact');
    expect(states.get(batch[4]!.sha256)).toBe('not-needed');
  });

  it('sends nothing on a second run with the same findings', async () => {
    const second = await runMail({ outDir: out.dir, contactsFile, results: batch, smtpUrl: sink.url, now });
    expect(second.entries.map((entry) => entry.state)).toEqual([
      'already-sent',
      'already-sent',
      'already-sent',
      'no-contact',
      'not-needed',
    ]);
    expect(sink.received).toHaveLength(3);
  });

  it('mails again when the findings changed, or when forced', async () => {
    const changed = seedResult({ findings: [dynamicAdjustmentFinding] });
    const third = await runMail({ outDir: out.dir, contactsFile, results: [changed], smtpUrl: sink.url, now });
    expect(third.entries[0]!.state).toBe('sent');
    expect(sink.received).toHaveLength(4);
    const forced = await runMail({
      outDir: out.dir,
      contactsFile,
      results: [changed],
      smtpUrl: sink.url,
      now,
      force: true,
    });
    expect(forced.entries[0]!.state).toBe('sent');
    expect(sink.received).toHaveLength(5);
    expect(sink.received[4]!.parsed.messageId).not.toBe(sink.received[3]!.parsed.messageId);
  });

  it('in a dry run lists what would be sent and sends nothing', async () => {
    const changed = seedResult({ findings: [numberingOnly()] });
    const dry = await runMail({
      outDir: out.dir,
      contactsFile,
      results: [changed],
      smtpUrl: sink.url,
      now,
      dryRun: true,
    });
    expect(dry.entries[0]).toMatchObject({
      state: 'would-send',
      recipients: { to: ['pingdeng@example.cn'], cc: ['caizheng@example.cn', 'jixiao@example.cn'] },
    });
    expect(sink.received).toHaveLength(5);
    const real = await runMail({ outDir: out.dir, contactsFile, results: [changed], smtpUrl: sink.url, now });
    expect(real.entries[0]!.state).toBe('sent');
  });
});

function numberingOnly() {
  return { ...seedResult().findings[2]! };
}

describe('a recipient the server refuses', () => {
  it('is given up at once instead of retried', async () => {
    const sink = await startSmtpSink({ refuseRecipient: (address) => address === 'jiaoyu@example.cn' });
    const out = tempOutDir();
    try {
      const contactsFile = writeContacts(out.dir, batchContactsCsv);
      const report = await runMail({
        outDir: out.dir,
        contactsFile,
        results: [unitResult('县教育局', '2', [warningFinding])],
        smtpUrl: sink.url,
        now,
      });
      expect(report.entries[0]).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null });
      expect(report.entries[0]!.error).toContain('邮件服务器拒绝了收件地址');
      const again = await runMail({
        outDir: out.dir,
        contactsFile,
        results: [unitResult('县教育局', '2', [warningFinding])],
        smtpUrl: sink.url,
        now: new Date(now.getTime() + 24 * 3600_000),
      });
      expect(again.entries[0]).toMatchObject({ state: 'failed', attempts: 1 });
      expect(sink.received).toHaveLength(0);
    } finally {
      await sink.close();
      out.cleanup();
    }
  });
});

describe('a rejected file whose unit cannot be told', () => {
  it('is not mailed, and the line says the unit is unknown rather than asking to add it to the contacts', async () => {
    const out = tempOutDir();
    try {
      const lines: string[] = [];
      const run = await runMail({
        outDir: out.dir,
        contactsFile: writeContacts(out.dir, batchContactsCsv),
        results: [rejectedResult('corrupt-file', '文件已损坏，无法读取。', 'inbox/scan-0001.docx')],
        now,
        log: (line) => lines.push(line),
      });
      expect(run.entries.map((entry) => entry.state)).toEqual(['no-contact']);
      expect(lines.filter((line) => line.includes('scan-0001'))).toEqual([
        '未能确定报送单位：inbox/scan-0001.docx，未发送（文件中读不出单位，文件名也不含联系人表中的单位名称，请直接联系报送人）',
      ]);
    } finally {
      out.cleanup();
    }
  });
});
