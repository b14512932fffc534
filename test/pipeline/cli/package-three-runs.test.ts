/**
 * A package finding over three runs into one output folder, through the built CLI, the SQLite store, the
 * real fixture bytes and a real SMTP server on 127.0.0.1: 贯塘乡's report and overall form with the
 * basic-data table of fixtures/forms/discrepancies (在职人数 48 against the report's 50) give one
 * package.figures-agree error. What the memos say of it, and what is mailed, after each run:
 * - corrected, then a run that changes nothing (the corrected table handed in again): the package memo
 *   keeps listing the error as 已纠正, as the table's own memo keeps its comparison, and nothing is mailed;
 * - corrected, then brought back (the wrong figures again, other bytes): 新发现 in the package memo and in
 *   the returned table's memo (the one mailed to the unit), the package message sent again;
 * - resubmitted still wrong, then corrected: 仍存在 (never 已纠正) while it stands, nothing more mailed for
 *   the package, then 已纠正;
 * - corrected, then the report resubmitted with another 在职人数 (a new mismatch, with the corrected table):
 *   the corrected table's memo, written again later (lost, then repaired from the store), still says what it
 *   said when the table came — its comparison is with the package as it stood then, not as it became.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../mail/support/smtp-sink.js';
import { runCli } from './support/cli.js';

const unit = '衡山县贯塘乡人民政府';
const report = 'fixtures/packages/guantang-2023/outline-basic-first-guantang-2023.docx';
const overall = 'fixtures/packages/guantang-2023/overall-nature-guantang-2023.docx';
const wrongTable = 'fixtures/forms/discrepancies/package.figures-agree.docx';
const correctedTable = 'fixtures/packages/guantang-2023/basic-data-guantang-2023.docx';
const mismatch = '在职人数在各文件中不一致';
const packageMemo = `${unit}-2023-报送材料核对.md`;
const tableMemo = `${unit}-2023-基础数据表.md`;

let work: string;
let smtp: SmtpSink;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'package-three-runs-'));
  writeFileSync(join(work, 'contacts.csv'), `unit,email,cc\n${unit},guantang@example.cn,\n`);
  smtp = await startSmtpSink();
});

afterAll(async () => {
  await smtp?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The wrong table's figures in other bytes (repacked at another compression level): another submission. */
function repackedWrongTable(name: string): string {
  const path = join(work, name);
  writeFileSync(path, zipSync(unzipSync(readFileSync(wrongTable)), { level: 1 }));
  return path;
}

/** One output folder checked run after run with mail over SMTP; what each run mailed and left. */
function outputFolder(name: string) {
  const run = async (...files: string[]) => {
    const outDir = join(work, name);
    const before = smtp.received.length;
    const args = ['check', '--out', outDir, '--mail', '--contacts', join(work, 'contacts.csv'), '--exit-zero'];
    const cli = await runCli([...args, ...files], {
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'review-desk@example.org' },
      timeoutMs: 120_000,
    });
    expect(cli.code, cli.stderr).toBe(0);
    const mailed = smtp.received.slice(before).filter((mail) => mail.envelope.to.includes('guantang@example.cn'));
    // The memos as this run left them: a later run writes them again.
    const memos = new Map(
      readdirSync(join(outDir, 'memos'))
        .filter((file) => file.endsWith('.md'))
        .map((file) => [file, readFileSync(join(outDir, 'memos', file), 'utf8')]),
    );
    return {
      outDir,
      packageMails: mailed.filter((mail) => mail.parsed.subject?.includes('报送材料核对')),
      documentMails: mailed.filter((mail) => !mail.parsed.subject?.includes('报送材料核对')),
      memo: (file: string): string => memos.get(file)!,
    };
  };
  return { run };
}

/** The findings listed under one heading of a memo's 与前次报送的比较 (已纠正, 仍存在, 新发现). */
function compared(memo: string, label: '已纠正' | '仍存在' | '新发现'): string {
  const part = memo.slice(memo.indexOf('## 与前次报送的比较'));
  const start = part.indexOf(`### ${label}`);
  expect(start).toBeGreaterThan(-1);
  const next = part.slice(start + 4).search(/\n##/);
  return part.slice(start, next === -1 ? undefined : start + 4 + next);
}

describe('corrected, then a run that changes nothing, then brought back', () => {
  const folder = outputFolder('out-corrected');
  let first: Awaited<ReturnType<typeof folder.run>>;
  let second: Awaited<ReturnType<typeof folder.run>>;
  let secondPackageMemo: string;
  let secondTableMemo: string;
  let third: Awaited<ReturnType<typeof folder.run>>;
  let fourth: Awaited<ReturnType<typeof folder.run>>;
  let returned: string;

  beforeAll(async () => {
    first = await folder.run(report, overall, wrongTable);
    second = await folder.run(correctedTable);
    secondPackageMemo = second.memo(packageMemo);
    secondTableMemo = second.memo(tableMemo);
    third = await folder.run(correctedTable);
    returned = repackedWrongTable('贯塘乡基础数据表（再次报送）.docx');
    fourth = await folder.run(returned);
  }, 400_000);

  it('mails the mismatch once in run 1; the package memo has nothing to compare yet', () => {
    expect(first.packageMails).toHaveLength(1);
    expect(first.packageMails[0]!.parsed.text).toContain(mismatch);
    const memo = first.memo(packageMemo);
    expect(memo).toContain('## 各材料之间的核对（1项）');
    expect(memo).not.toContain('与前次报送的比较');
  });

  it('lists the mismatch as 已纠正 in the package memo after the correction (run 2), and mails no package message', () => {
    expect(compared(secondPackageMemo, '已纠正')).toContain('### 已纠正（1项）');
    expect(compared(secondPackageMemo, '已纠正')).toMatch(
      /- 【错误】在职人数在各文件中不一致：.*「package\.figures-agree\.docx」为48人/,
    );
    expect(compared(secondPackageMemo, '仍存在')).toContain('### 仍存在（0项）');
    expect(compared(secondPackageMemo, '新发现')).toContain('### 新发现（0项）');
    expect(secondPackageMemo).toContain('「basic-data-guantang-2023.docx」替代');
    expect(secondPackageMemo).toContain('## 各材料之间的核对（0项）');
    expect(compared(secondTableMemo, '已纠正')).toContain(mismatch);
    expect(second.packageMails).toHaveLength(0);
  });

  it('still lists it as 已纠正 after a third run that changes nothing, and mails nothing', () => {
    // The package memo is written again on every refresh: the same package gives the same memo.
    expect(third.memo(packageMemo)).toBe(secondPackageMemo);
    // As the table's own memo keeps its comparison with the file it replaced.
    expect(third.memo(tableMemo)).toBe(secondTableMemo);
    expect(third.packageMails).toHaveLength(0);
    expect(third.documentMails).toHaveLength(0);
  });

  it('lists it as 新发现 when a later resubmission brings it back, in both memos and in the mail', () => {
    const memo = fourth.memo(packageMemo);
    expect(compared(memo, '已纠正')).toContain('### 已纠正（0项）');
    expect(compared(memo, '新发现')).toContain('### 新发现（1项）');
    expect(compared(memo, '新发现')).toContain('「贯塘乡基础数据表（再次报送）.docx」为48人');
    // The returned table's memo, and the message that carries it to the unit, say so too.
    const own = fourth.memo(tableMemo);
    expect(compared(own, '新发现')).toContain(mismatch);
    expect(compared(own, '已纠正')).not.toContain(mismatch);
    expect(fourth.documentMails).toHaveLength(1);
    const mailed = fourth.documentMails[0]!.parsed.html as string;
    const comparison = mailed.slice(mailed.indexOf('与前次报送的比较'));
    expect(comparison.slice(comparison.indexOf('新发现'))).toContain(mismatch);
    expect(comparison.slice(0, comparison.indexOf('新发现'))).not.toContain(mismatch);
    // News to the unit again: the package message goes once more, its memo saying 新发现 as well.
    expect(fourth.packageMails).toHaveLength(1);
    expect(fourth.packageMails[0]!.parsed.subject).toBe(`【审核意见】${unit}2023年度报送材料核对：发现1项不一致`);
    const packageHtml = fourth.packageMails[0]!.parsed.html as string;
    expect(packageHtml).toMatch(/新发现（1项）/);
  });
});

describe('resubmitted still wrong, then corrected', () => {
  const folder = outputFolder('out-still-wrong');
  let second: Awaited<ReturnType<typeof folder.run>>;
  let third: Awaited<ReturnType<typeof folder.run>>;

  beforeAll(async () => {
    await folder.run(report, overall, wrongTable);
    second = await folder.run(repackedWrongTable('贯塘乡基础数据表（修改稿）.docx'));
    third = await folder.run(correctedTable);
  }, 400_000);

  it('lists the standing mismatch as 仍存在, never 已纠正, in the memo mailed to the unit (run 2)', () => {
    const own = second.memo(tableMemo);
    expect(compared(own, '仍存在')).toContain(mismatch);
    expect(compared(own, '已纠正')).not.toContain(mismatch);
    expect(compared(own, '新发现')).not.toContain(mismatch);
    expect(second.documentMails).toHaveLength(1);
    const mailed = second.documentMails[0]!.parsed.html as string;
    const comparison = mailed.slice(mailed.indexOf('与前次报送的比较'));
    expect(comparison.slice(comparison.indexOf('仍存在'), comparison.indexOf('新发现'))).toContain(mismatch);
    expect(comparison.slice(0, comparison.indexOf('仍存在'))).not.toContain(mismatch);
    const memo = second.memo(packageMemo);
    expect(compared(memo, '仍存在')).toContain('### 仍存在（1项）');
    expect(compared(memo, '已纠正')).toContain('### 已纠正（0项）');
    // Told in run 1 and still standing: not mailed again.
    expect(second.packageMails).toHaveLength(0);
  });

  it('lists it as 已纠正 once corrected (run 3), and mails no package message', () => {
    expect(compared(third.memo(packageMemo), '已纠正')).toContain(mismatch);
    expect(compared(third.memo(tableMemo), '已纠正')).toContain(mismatch);
    expect(third.packageMails).toHaveLength(0);
  });
});

/** 贯塘乡's report stating 在职人员总数48名 (行政30名) where the fixture states 50 (行政32名): the same document otherwise. */
function reportWith48(name: string): string {
  const entries = unzipSync(readFileSync(report));
  const xml = Buffer.from(entries['word/document.xml']!).toString('utf8');
  const stated = '在职人员总数50名，其中：行政32名';
  expect(xml).toContain(stated);
  entries['word/document.xml'] = Buffer.from(xml.replace(stated, '在职人员总数48名，其中：行政30名'));
  const path = join(work, name);
  writeFileSync(path, zipSync(entries));
  return path;
}

describe('corrected, then another document of the package resubmitted', () => {
  const folder = outputFolder('out-report-later');
  let second: Awaited<ReturnType<typeof folder.run>>;
  let third: Awaited<ReturnType<typeof folder.run>>;
  let fourth: Awaited<ReturnType<typeof folder.run>>;
  const reportMemo = `${unit}-2023.md`;

  beforeAll(async () => {
    await folder.run(report, overall, wrongTable);
    second = await folder.run(correctedTable);
    third = await folder.run(reportWith48('贯塘乡自评报告（修改）.docx'));
    // The corrected table's memo lost (a power cut: memo files are not flushed); the next run repairs it.
    for (const extension of ['md', 'html', 'docx']) {
      unlinkSync(join(third.outDir, 'memos', tableMemo.replace(/\.md$/, `.${extension}`)));
    }
    fourth = await folder.run(correctedTable);
  }, 400_000);

  it('lists the new mismatch (report 48, table 50) as 新发现 in the report’s memo and the package memo', () => {
    const added = compared(third.memo(reportMemo), '新发现');
    expect(added).toMatch(/- 【错误】在职人数在各文件中不一致：.*为50人/);
    expect(added).toContain('「贯塘乡自评报告（修改）.docx」为48名');
    const memo = third.memo(packageMemo);
    expect(memo).toContain('「贯塘乡自评报告（修改）.docx」替代');
    expect(compared(memo, '新发现')).toContain('### 新发现（1项）');
    expect(compared(memo, '已纠正')).toContain('### 已纠正（0项）');
    // Mailed: news to the unit.
    expect(third.packageMails).toHaveLength(1);
  });

  it('repairs the corrected table’s memo as it was written, 已纠正 and all', () => {
    const repaired = fourth.memo(tableMemo);
    expect(repaired).toBe(second.memo(tableMemo));
    expect(compared(repaired, '已纠正')).toContain('「package.figures-agree.docx」为48人');
    expect(repaired).not.toContain('为48名');
  });
});
