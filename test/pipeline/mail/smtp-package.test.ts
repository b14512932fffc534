/**
 * Package findings mailed through a real SMTP server on 127.0.0.1 (SPEC §6–§8, issue #13): "never mailed
 * twice" holds for the unit's package, not per file. A package finding that was mailed and still stands
 * is not mailed again, even when a document of the package was resubmitted under another name; a new one
 * is mailed, alone; a package whose documents agree is not mailed at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedSubmission } from '../../../extractors/model/report-schema.js';
import { buildPackages } from '../../../pipeline/check/packages.js';
import { type PackageMail, packageMailId, runMail } from '../../../pipeline/mail/mail.js';
import { withPackageMailStates } from '../../../pipeline/mail/mail-step.js';
import { MailStore, readMailStates } from '../../../pipeline/mail/mail-store.js';
import { renderPackageMemoDocx, renderPackageMemoHtml } from '../../../reports/package-memo.js';
import type { CheckResult } from '../../../reports/result-schema.js';
import { overviewRows } from '../../../reports/summary.js';
import { runRules } from '../../../rules/engine.js';
import { basicData } from '../../rules/support/form-builder.js';
import { submission } from '../../rules/support/submission-builder.js';
import { tempOutDir, writeContacts } from './support/fixtures.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

const unit = '衡山县贯塘乡人民政府';
const now = new Date('2024-05-06T02:00:00Z');
const sha = (n: number): string => n.toString(16).padStart(64, '0');

function result(file: string, n: number, parsed: ParsedSubmission): CheckResult {
  return {
    file,
    sha256: sha(n),
    format: 'docx',
    status: 'checked',
    error: null,
    report: parsed.report,
    findings: runRules(parsed),
    extraction: parsed.extraction,
  };
}

/** The report: 编制46, 在职50. */
const report = result(
  'in/贯塘乡自评报告.docx',
  1,
  submission()
    .mutate((s) => {
      s.report.unit = unit;
    })
    .set('staffing.authorized.total', 46)
    .set('staffing.actual.total', 50)
    .build(),
);

/** A basic-data table with the 编制数 and 在职人数 given (its 控制率 consistent with them). */
function basic(file: string, n: number, authorized: number, inPost: number): CheckResult {
  return result(
    file,
    n,
    basicData()
      .set('staffing.authorized.total', authorized)
      .set('staffing.actual.total', inPost)
      .set('staffing.controlRate', Number((inPost / authorized).toFixed(4)))
      .build(),
  );
}

function packageMail(documents: CheckResult[]): PackageMail {
  const [pkg] = buildPackages(documents);
  return {
    package: pkg!,
    memo: async () => ({
      html: renderPackageMemoHtml(pkg!, documents, now),
      docx: await renderPackageMemoDocx(pkg!, documents, now),
      docxName: `${unit}-2023-报送材料核对.docx`,
    }),
  };
}

describe('mailing a unit’s package over SMTP', () => {
  let sink: SmtpSink;
  const out = tempOutDir();
  const contactsFile = writeContacts(out.dir, `unit,email,cc\n${unit},guantang@example.cn,caizheng@example.cn\n`);
  const mail = (documents: CheckResult[]) =>
    runMail({
      outDir: out.dir,
      contactsFile,
      results: [],
      packages: [packageMail(documents)],
      smtpUrl: sink.url,
      now,
    });

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
    out.cleanup();
  });

  it('mails a package finding once, with the figure from each file and the package memo attached', async () => {
    // 在职人数: 48 in the basic-data table, 50 in the report.
    const run = await mail([basic('in/贯塘乡基础数据表.xlsx', 2, 46, 48), report]);
    expect(run.entries.map((entry) => [entry.state, entry.sha256])).toEqual([
      ['sent', packageMailId({ unit, year: 2023 })],
    ]);
    expect(sink.received).toHaveLength(1);
    const received = sink.received[0]!;
    expect(received.envelope.to).toEqual(['guantang@example.cn', 'caizheng@example.cn']);
    expect(received.parsed.subject).toBe('【审核意见】衡山县贯塘乡人民政府2023年度报送材料核对：发现1项不一致');
    const text = received.parsed.text ?? '';
    expect(text).toContain('在职人数在各文件中不一致');
    expect(text).toContain('基础数据表「贯塘乡基础数据表.xlsx」为48人');
    // The hand-built documents keep their cells' texts; the evidence names each file and its place.
    expect(text).toMatch(/依据：贯塘乡基础数据表\.xlsx：实际在职人数：「[^」]+」（第1个表格第\d+行第\d+列）/);
    expect(text).toMatch(/贯塘乡自评报告\.docx：在职人员总数：「[^」]+」/);
    expect(text).not.toContain('此前已告知');
    expect(received.parsed.html).toContain('<title>衡山县贯塘乡人民政府2023年度单位报送材料核对意见</title>');
    const [attachment] = received.parsed.attachments;
    expect(attachment!.filename).toBe('衡山县贯塘乡人民政府-2023-报送材料核对.docx');
    expect(attachment!.content.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('does not mail it again while it stands, though the table was resubmitted under another name', async () => {
    const again = await mail([basic('in/贯塘乡基础数据表（修改）.xlsx', 3, 46, 48), report]);
    expect(again.entries.map((entry) => entry.state)).toEqual(['already-sent']);
    expect(sink.received).toHaveLength(1);
  });

  it('mails a new package finding, and only it', async () => {
    // 编制数 now differs too (45 against the report's 46); 在职人数 48 against 50 still stands.
    const run = await mail([basic('in/贯塘乡基础数据表-3.xlsx', 4, 45, 48), report]);
    expect(run.entries.map((entry) => entry.state)).toEqual(['sent']);
    expect(sink.received).toHaveLength(2);
    const received = sink.received[1]!;
    expect(received.parsed.subject).toBe('【审核意见】衡山县贯塘乡人民政府2023年度报送材料核对：发现1项不一致');
    const text = received.parsed.text ?? '';
    expect(text).toContain('编制数在各文件中不一致');
    expect(text).not.toContain('在职人数在各文件中不一致');
    expect(text).toContain('此前已告知、仍未纠正的1项不再重复列出');
  });

  it('records which findings each package message told, so a second run sends nothing', async () => {
    const store = MailStore.open(out.dir);
    try {
      expect(store.toldPackageFindings(packageMailId({ unit, year: 2023 })).size).toBe(2);
    } finally {
      store.close();
    }
    const run = await mail([basic('in/贯塘乡基础数据表-3.xlsx', 4, 45, 48), report]);
    expect(run.entries.map((entry) => entry.state)).toEqual(['already-sent']);
    expect(sink.received).toHaveLength(2);
  });

  it("shows the package mail in the 邮件 cell of the unit's summary row", () => {
    const documents = [basic('in/贯塘乡基础数据表-3.xlsx', 4, 45, 48), report];
    const states = readMailStates(out.dir);
    // The documents themselves were never mailed: the package message is all the unit got.
    const rows = documents.map((document) => ({ result: document, mailState: states.get(document.sha256) ?? null }));
    expect(rows.map((row) => row.mailState)).toEqual([null, null]);
    const packages = buildPackages(documents);
    expect(overviewRows(rows, withPackageMailStates(packages, states)).map((cells) => cells.mail)).toEqual(['已发送']);
    expect(overviewRows(rows, packages).map((cells) => cells.mail)).toEqual(['']);
  });

  it('mails nothing for a package whose documents agree', async () => {
    const run = await mail([basic('in/贯塘乡基础数据表-改.xlsx', 5, 46, 50), report]);
    expect(run.entries.map((entry) => entry.state)).toEqual(['not-needed']);
    expect(sink.received).toHaveLength(2);
  });
});

describe('a package finding that comes back after it was corrected', () => {
  let sink: SmtpSink;
  const out = tempOutDir();
  const contactsFile = writeContacts(out.dir, `unit,email\n${unit},guantang@example.cn\n`);
  const packageId = packageMailId({ unit, year: 2023 });
  const mail = (documents: CheckResult[]) =>
    runMail({
      outDir: out.dir,
      contactsFile,
      results: [],
      packages: [packageMail(documents)],
      smtpUrl: sink.url,
      now,
    });
  const wrong = (n: number) => basic(`in/贯塘乡基础数据表-${n}.xlsx`, 10 + n, 46, 48);
  const right = (n: number) => basic(`in/贯塘乡基础数据表-${n}.xlsx`, 10 + n, 46, 50);

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
    out.cleanup();
  });

  it('is mailed again when a later resubmission reintroduces it, and once only', async () => {
    expect((await mail([wrong(1), report])).entries.map((entry) => entry.state)).toEqual(['sent']);
    // Corrected: nothing to tell, and the ledger notes that the told finding no longer stands.
    expect((await mail([right(2), report])).entries.map((entry) => entry.state)).toEqual(['not-needed']);
    expect(sink.received).toHaveLength(1);
    const store = MailStore.open(out.dir);
    try {
      expect(store.toldPackageFindings(packageId).size).toBe(0);
      expect(store.packageCorrectionMarks(packageId).size).toBe(1);
    } finally {
      store.close();
    }

    // Back again with the same figures as the first time: news to the unit, mailed in full.
    const back = await mail([wrong(3), report]);
    expect(back.entries.map((entry) => entry.state)).toEqual(['sent']);
    expect(sink.received).toHaveLength(2);
    const text = sink.received[1]!.parsed.text ?? '';
    expect(sink.received[1]!.parsed.subject).toBe(
      '【审核意见】衡山县贯塘乡人民政府2023年度报送材料核对：发现1项不一致',
    );
    expect(text).toContain('在职人数在各文件中不一致');
    expect(text).toContain('基础数据表「贯塘乡基础数据表-3.xlsx」为48人');
    expect(text).not.toContain('此前已告知');
    expect(sink.received[1]!.parsed.messageId).not.toBe(sink.received[0]!.parsed.messageId);

    // While it stands it is not mailed a third time, however often the package is mailed.
    expect((await mail([wrong(4), report])).entries.map((entry) => entry.state)).toEqual(['already-sent']);
    expect((await mail([wrong(4), report])).entries.map((entry) => entry.state)).toEqual(['already-sent']);
    expect(sink.received).toHaveLength(2);
  });

  it('is mailed each time it comes back, after each correction', async () => {
    expect((await mail([right(5), report])).entries.map((entry) => entry.state)).toEqual(['not-needed']);
    expect((await mail([wrong(6), report])).entries.map((entry) => entry.state)).toEqual(['sent']);
    expect(sink.received).toHaveLength(3);
    expect(sink.received[2]!.parsed.text).toContain('基础数据表「贯塘乡基础数据表-6.xlsx」为48人');
  });

  it('tells a returning finding beside one still standing, and counts only the standing one as told', async () => {
    // 编制数 now differs too (45 against 46) and is mailed; then 在职人数 is corrected while 编制数 stands.
    expect((await mail([basic('in/表-7.xlsx', 17, 45, 48), report])).entries.map((e) => e.state)).toEqual(['sent']);
    expect(sink.received[3]!.parsed.text).toContain('编制数在各文件中不一致');
    expect((await mail([basic('in/表-8.xlsx', 18, 45, 50), report])).entries.map((e) => e.state)).toEqual([
      'already-sent',
    ]);
    expect(sink.received).toHaveLength(4);
    // 在职人数 comes back: only it is mailed; 编制数, told and still standing, is counted, not listed.
    expect((await mail([basic('in/表-9.xlsx', 19, 45, 48), report])).entries.map((e) => e.state)).toEqual(['sent']);
    expect(sink.received).toHaveLength(5);
    const text = sink.received[4]!.parsed.text ?? '';
    expect(text).toContain('在职人数在各文件中不一致');
    expect(text).not.toContain('编制数在各文件中不一致');
    expect(text).toContain('此前已告知、仍未纠正的1项不再重复列出');
  });

  it('notes nothing in a dry run', async () => {
    const store = MailStore.open(out.dir);
    const before = store.packageCorrectionMarks(packageId);
    store.close();
    const dry = await runMail({
      outDir: out.dir,
      contactsFile,
      results: [],
      packages: [packageMail([basic('in/表-10.xlsx', 20, 46, 50), report])],
      smtpUrl: sink.url,
      now,
      dryRun: true,
    });
    expect(dry.entries.map((entry) => entry.state)).toEqual(['not-needed']);
    const after = MailStore.open(out.dir);
    try {
      expect(after.packageCorrectionMarks(packageId)).toEqual(before);
      expect(after.toldPackageFindings(packageId).size).toBe(2);
    } finally {
      after.close();
    }
  });
});

describe('a package whose unit has no contact', () => {
  let sink: SmtpSink;
  const out = tempOutDir();
  const contactsFile = writeContacts(out.dir, 'unit,email\n县教育局,jiaoyu@example.cn\n');

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
    out.cleanup();
  });

  it('is noted 未配置联系人, so the 邮件 cell says why its findings were never mailed', async () => {
    const table = basic('in/贯塘乡基础数据表.xlsx', 30, 46, 48);
    const documents = [table, report];
    const run = await runMail({
      outDir: out.dir,
      contactsFile,
      results: [],
      packages: [packageMail(documents)],
      smtpUrl: sink.url,
      now,
    });
    expect(run.entries.map((entry) => entry.state)).toEqual(['no-contact']);
    expect(sink.received).toHaveLength(0);
    const states = readMailStates(out.dir);
    expect(states.get(packageMailId({ unit, year: 2023 }))).toBe('no-contact');
    // Documents that needed no message of their own: without the package's state the cell said 无需发送.
    const rows = documents.map((result) => ({ result, mailState: 'not-needed' as const }));
    const packages = buildPackages(documents);
    expect(overviewRows(rows, withPackageMailStates(packages, states)).map((cells) => cells.mail)).toEqual([
      '未配置联系人',
    ]);
    expect(overviewRows(rows, packages).map((cells) => cells.mail)).toEqual(['无需发送']);
    // Once the documents agree there is nothing to send: the note no longer stands for the package.
    const agreeing = [basic('in/贯塘乡基础数据表（修改）.xlsx', 31, 46, 50), report];
    const corrected = withPackageMailStates(buildPackages(agreeing), states);
    expect(corrected.map((pkg) => [pkg.findings.length, pkg.mailState])).toEqual([[0, null]]);
    // A dry run records nothing.
    const other = tempOutDir();
    try {
      writeContacts(other.dir, 'unit,email\n县教育局,jiaoyu@example.cn\n');
      await runMail({
        outDir: other.dir,
        contactsFile,
        results: [],
        packages: [packageMail(documents)],
        smtpUrl: sink.url,
        now,
        dryRun: true,
      });
      expect(readMailStates(other.dir).size).toBe(0);
    } finally {
      other.cleanup();
    }
  });
});
