/** Text from a document (the unit name) cannot add or change mail headers; recipients come only from the contact list. */
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { runMail } from '../../../pipeline/mail/mail.js';
import { composeMail, headerSafe } from '../../../reports/mail-message.js';
import { seedResult } from '../../reports/support/seed-result.js';
import { tempOutDir, writeContacts } from './support/fixtures.js';

const now = new Date('2024-05-06T02:00:00Z');
const hostileUnits = [
  '平等乡人民政府\r\nBcc: x@evil.test',
  '平等乡人民政府\nBcc: x@evil.test\nX-Injected: yes',
  'Pingdeng\r\n\r\n<html>body takeover</html>',
  '平等乡\u2028Bcc: x@evil.test',
];

function headerLines(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n');
}

describe('a hostile unit name', () => {
  it.each(hostileUnits)('cannot add a header through the whole mail run (%j)', async (unit) => {
    const out = tempOutDir();
    try {
      // The contact list quotes the same name, so the result is matched and mailed.
      const csv = `unit,email,cc\n"${unit.replace(/"/g, '""')}",pingdeng@example.cn,\n`;
      const contactsFile = writeContacts(out.dir, csv);
      const result = seedResult();
      result.report!.unit = unit;
      const report = await runMail({ outDir: out.dir, contactsFile, results: [result], smtpUrl: '', now });
      expect(report.entries[0]!.state).toBe('outbox');
      const raw = readFileSync(report.entries[0]!.outboxFile!);
      const headers = headerLines(raw);
      expect(headers.some((line) => /^bcc:/i.test(line))).toBe(false);
      expect(headers.some((line) => /^x-injected:/i.test(line))).toBe(false);
      expect(headers.filter((line) => /^to:/i.test(line))).toEqual(['To: pingdeng@example.cn']);
      const mail = await simpleParser(raw);
      expect(mail.bcc).toBeUndefined();
      expect(mail.headers.has('x-injected')).toBe(false);
      expect(mail.subject).not.toMatch(/[\r\n\u2028]/);
      expect(mail.subject).toContain('部门整体绩效自评报告');
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]!.filename).not.toMatch(/[\r\n]/);
    } finally {
      out.cleanup();
    }
  });

  it('becomes a single-line subject when composed', () => {
    const result = seedResult();
    result.report!.unit = '平等乡人民政府\r\nBcc: x@evil.test';
    const mail = composeMail(
      result,
      { html: '<p></p>', docx: Buffer.from('PK'), docxName: '平等乡\r\nBcc: x@evil.test.docx' },
      { unit: '平等乡人民政府', to: ['pingdeng@example.cn'], cc: [] },
      { date: now },
    );
    expect(mail.subject).toBe(
      '【审核意见】平等乡人民政府 Bcc: x@evil.test2023年度部门整体绩效自评报告：需修改后重新报送',
    );
    expect(mail.to).toEqual(['pingdeng@example.cn']);
    expect(mail.cc).toEqual([]);
    expect(mail.attachments[0]!.filename).toBe('平等乡Bcc_ x@evil.test.docx');
  });
});

describe('headerSafe', () => {
  it('turns control characters and line separators into single spaces', () => {
    expect(headerSafe('a\r\nb\tc\u0000d\u2029e\u202Ef')).toBe('a b c d e f');
  });

  it('bounds the length', () => {
    expect(Array.from(headerSafe('乡'.repeat(500)))).toHaveLength(200);
  });
});
