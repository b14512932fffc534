/** The bureau's contact list: parsing, validation with Chinese messages, and matching results to units. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactsError, loadContacts, matchContact, parseContacts } from '../../../pipeline/mail/contacts.js';
import { runMail } from '../../../pipeline/mail/mail.js';
import { MailSetupError } from '../../../pipeline/mail/mail-transport.js';
import { seedResult } from '../../reports/support/seed-result.js';
import { batchContactsCsv, tempOutDir, writeContacts } from './support/fixtures.js';

describe('parseContacts', () => {
  it('reads unit, email and several cc addresses separated by ;', () => {
    expect(parseContacts(batchContactsCsv)).toEqual([
      {
        unit: '平等乡人民政府',
        to: ['pingdeng@example.cn'],
        cc: ['caizheng@example.cn', 'jixiao@example.cn'],
        line: 2,
      },
      { unit: '县教育局', to: ['jiaoyu@example.cn'], cc: [], line: 3 },
      { unit: '城关镇', to: ['chengguan@example.cn'], cc: [], line: 4 },
    ]);
  });

  it('accepts Chinese headers, a byte order mark, full-width separators and a missing cc column', () => {
    const csv = '\ufeff单位,邮箱\n县财政局,a@example.cn；b@example.cn\n';
    expect(parseContacts(csv)).toEqual([{ unit: '县财政局', to: ['a@example.cn', 'b@example.cn'], cc: [], line: 2 }]);
  });

  it('rejects invalid addresses, naming the line', () => {
    const csv =
      'unit,email,cc\n平等乡人民政府,pingdeng@example,ok@example.cn\n县教育局,"x@evil.test\r\nBcc: y@evil.test",\n';
    expect(() => parseContacts(csv)).toThrow(ContactsError);
    expect(() => parseContacts(csv)).toThrow(/第2行（平等乡人民政府）的邮箱地址“pingdeng@example”无效/);
    expect(() => parseContacts(csv)).toThrow(/第3行（县教育局）的邮箱地址“Bcc:”无效/);
  });

  it('rejects a row without an address, a duplicate unit and a missing header', () => {
    expect(() => parseContacts('unit,email\n平等乡人民政府,\n')).toThrow('第2行（平等乡人民政府）缺少邮箱地址');
    expect(() => parseContacts('unit,email\n平等乡人民政府,a@example.cn\n平等乡,b@example.cn\n')).toThrow(
      '单位“平等乡”重复出现（第2行和第3行）',
    );
    expect(() => parseContacts('name,address\nx,a@example.cn\n')).toThrow(/第一行应为表头 unit,email,cc/);
  });

  it('reports a malformed CSV in Chinese', () => {
    expect(() => parseContacts('unit,email\n"平等乡,a@example.cn\n')).toThrow(/不是有效的CSV文件/);
  });
});

describe('loadContacts', () => {
  it('reads a list saved by Excel in GB18030', () => {
    const out = tempOutDir();
    try {
      const file = path.join(out.dir, 'gbk.csv');
      // 「单位,邮箱\n平等乡,a@example.cn」 in GB18030.
      const gbk = Buffer.concat([
        Buffer.from([0xb5, 0xa5, 0xce, 0xbb]),
        Buffer.from(','),
        Buffer.from([0xd3, 0xca, 0xcf, 0xe4]),
        Buffer.from('\n'),
        Buffer.from([0xc6, 0xbd, 0xb5, 0xc8, 0xcf, 0xe7]),
        Buffer.from(',a@example.cn\n'),
      ]);
      writeFileSync(file, gbk);
      expect(loadContacts(file)).toEqual([{ unit: '平等乡', to: ['a@example.cn'], cc: [], line: 2 }]);
    } finally {
      out.cleanup();
    }
  });

  it('says so in Chinese when the file does not exist', () => {
    expect(() => loadContacts('/nonexistent/contacts.csv')).toThrow(
      '无法读取联系人表“/nonexistent/contacts.csv”：文件不存在',
    );
  });
});

describe('matchContact', () => {
  const contacts = parseContacts(batchContactsCsv);

  it('matches exactly, then without spaces and with or without 人民政府', () => {
    expect(matchContact(contacts, '县教育局')?.line).toBe(3);
    expect(matchContact(contacts, '平 等 乡')?.line).toBe(2);
    expect(matchContact(contacts, '平等乡人民政府')?.line).toBe(2);
    expect(matchContact(contacts, '城关镇人民政府')?.line).toBe(4);
    expect(matchContact(contacts, '县 教育局\u3000')?.line).toBe(3);
  });

  it('does not match a different unit that shares a prefix', () => {
    expect(matchContact(contacts, '平等乡卫生院')).toBeNull();
    expect(matchContact(contacts, '县教育局机关')).toBeNull();
  });

  it('falls back to the file name only when the unit is unknown', () => {
    expect(matchContact(contacts, null, 'inbox/城关镇2023年自评报告.pdf')?.line).toBe(4);
    expect(matchContact(contacts, null, 'inbox/scan.pdf')).toBeNull();
    expect(matchContact(contacts, '龙山乡人民政府', 'inbox/城关镇.pdf')).toBeNull();
  });

  it('matches a report that names its county before the township, as supersession does', () => {
    expect(matchContact(contacts, '峨边县平等乡人民政府')?.line).toBe(2);
    expect(matchContact(contacts, '峨边彝族自治县平等乡')?.line).toBe(2);
    expect(matchContact(contacts, 'ＡＢＣ局')).toBeNull();
    expect(matchContact(parseContacts('unit,email\nＡＢＣ局,a@example.cn\n'), 'ABC局')?.line).toBe(2);
  });

  it('counts a county-prefixed name and the plain name as one unit listed twice', () => {
    expect(() => parseContacts('unit,email\n平等乡人民政府,a@example.cn\n峨边县平等乡,b@example.cn\n')).toThrow(
      '重复出现',
    );
  });
});

describe('a mail run with a bad contact list', () => {
  it('sends nothing and throws a setup error the CLI can print', async () => {
    const out = tempOutDir();
    try {
      const contactsFile = writeContacts(out.dir, 'unit,email\n平等乡人民政府,not-an-address\n');
      const run = runMail({ outDir: out.dir, contactsFile, results: [seedResult()], smtpUrl: '' });
      await expect(run).rejects.toBeInstanceOf(MailSetupError);
      await expect(runMail({ outDir: out.dir, contactsFile, results: [seedResult()], smtpUrl: '' })).rejects.toThrow(
        '邮箱地址“not-an-address”无效',
      );
    } finally {
      out.cleanup();
    }
  });

  it('rejects an SMTP_URL that is not an smtp:// address', async () => {
    const out = tempOutDir();
    try {
      const contactsFile = writeContacts(out.dir, batchContactsCsv);
      await expect(
        runMail({ outDir: out.dir, contactsFile, results: [seedResult()], smtpUrl: 'http://mail.example.cn' }),
      ).rejects.toThrow('环境变量 SMTP_URL 应以 smtp:// 或 smtps:// 开头');
    } finally {
      out.cleanup();
    }
  });
});
