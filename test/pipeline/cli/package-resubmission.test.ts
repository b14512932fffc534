/**
 * A package finding corrected by a resubmission, end to end through the built CLI, the SQLite store and
 * the real fixture bytes (issue #13): 贯塘乡's report and overall form with the basic-data table of
 * fixtures/forms/discrepancies (在职人数 48 against the report's 50) give exactly one package.figures-agree
 * error with evidence from both files, mailed once (to the outbox) with the package memo; the corrected
 * table, checked in a second run into the same output folder, clears it, its memo's comparison with the
 * earlier submission lists the error under 已纠正, and nothing more is mailed for the package. A third
 * run brings the mismatch back (the wrong table again, repacked, so another submission): news to the
 * unit, mailed again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckOutput, checkOutputSchema } from '../../../reports/result-schema.js';
import { runCli } from './support/cli.js';

const unit = '衡山县贯塘乡人民政府';
const report = 'fixtures/packages/guantang-2023/outline-basic-first-guantang-2023.docx';
const overall = 'fixtures/packages/guantang-2023/overall-nature-guantang-2023.docx';
const wrongTable = 'fixtures/forms/discrepancies/package.figures-agree.docx';
const correctedTable = 'fixtures/packages/guantang-2023/basic-data-guantang-2023.docx';

let outDir: string;
let contacts: string;
let first: CheckOutput;
let second: CheckOutput;
let outboxAfterFirst: string[];
let outboxAfterSecond: string[];
let third: CheckOutput;
let outboxAfterThird: string[];
let returnedTable: string;
/** The corrected table's memo as the second run left it, before the third run changes the package. */
let correctedMemo: string;

/** Without SMTP_URL the messages go to DIR/outbox as .eml files. */
const env = { SMTP_URL: '' };

function outbox(): string[] {
  try {
    return readdirSync(join(outDir, 'outbox')).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'package-resubmission-'));
  contacts = join(outDir, 'contacts.csv');
  writeFileSync(contacts, `unit,email,cc\n${unit},guantang@example.cn,\n`);
  const args = ['check', '--json', '--out', outDir, '--mail', '--contacts', contacts];
  const run1 = await runCli([...args, report, overall, wrongTable], { env, timeoutMs: 120_000 });
  first = checkOutputSchema.parse(JSON.parse(run1.stdout));
  outboxAfterFirst = outbox();
  const run2 = await runCli([...args, correctedTable], { env, timeoutMs: 120_000 });
  second = checkOutputSchema.parse(JSON.parse(run2.stdout));
  outboxAfterSecond = outbox();
  const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as {
    results: { file: string; memo: { md: string } | null; supersedes: { file: string } | null }[];
  };
  const corrected = results.results.find((result) => result.file === correctedTable)!;
  expect(corrected.supersedes?.file).toBe(wrongTable);
  correctedMemo = readFileSync(join(outDir, corrected.memo!.md), 'utf8');
  // The same figures as the wrong table, in other bytes (repacked at another compression level).
  returnedTable = join(outDir, '贯塘乡基础数据表（再次报送）.docx');
  writeFileSync(returnedTable, zipSync(unzipSync(readFileSync(wrongTable)), { level: 1 }));
  const run3 = await runCli([...args, returnedTable], { env, timeoutMs: 120_000 });
  third = checkOutputSchema.parse(JSON.parse(run3.stdout));
  outboxAfterThird = outbox();
}, 370_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('a mismatched 在职人数 between the basic-data table and the report', () => {
  it('gives exactly one package.figures-agree error, with evidence from both files', () => {
    expect(first.packages).toHaveLength(1);
    const [pkg] = first.packages!;
    expect(pkg!.files).toEqual([report, overall, wrongTable]);
    expect(pkg!.findings.map((f) => [f.ruleId, f.severity, f.data?.figure])).toEqual([
      ['package.figures-agree', 'error', '在职人数'],
    ]);
    expect(pkg!.findings[0]!.evidence.map((e) => [e.file, e.value])).toEqual(
      expect.arrayContaining([
        [wrongTable, 48],
        [report, 50],
      ]),
    );
    expect(new Set(pkg!.findings[0]!.evidence.map((e) => e.file))).toEqual(new Set([report, wrongTable]));
  });

  it('mails the package finding once, with the package memo', async () => {
    const packageMails = outboxAfterFirst.filter((name) => name.includes('报送材料核对'));
    expect(packageMails).toHaveLength(1);
    const eml = readFileSync(join(outDir, 'outbox', packageMails[0]!), 'utf8');
    expect(eml).toContain('guantang@example.cn');
    const parsed = await simpleParser(eml);
    expect(parsed.subject).toBe(`【审核意见】${unit}2023年度报送材料核对：发现1项不一致`);
    expect(parsed.text).toContain('在职人数在各文件中不一致');
    // The memo in the body names each document of the package with its own section.
    expect(parsed.html).toContain('自评报告：outline-basic-first-guantang-2023.docx');
    expect(parsed.html).toContain('部门整体支出绩效评价基础数据表：package.figures-agree.docx');
    expect(eml).toMatch(/Content-Disposition: attachment/i);
    expect(eml).toMatch(/application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/);
  });

  it('writes the package memo in Markdown, HTML and DOCX', () => {
    const memos = readdirSync(join(outDir, 'memos')).filter((name) => name.includes('报送材料核对'));
    expect(memos.sort()).toEqual([
      `${unit}-2023-报送材料核对.docx`,
      `${unit}-2023-报送材料核对.html`,
      `${unit}-2023-报送材料核对.md`,
    ]);
  });
});

describe('resubmitting the corrected basic-data table', () => {
  it('clears the package finding', () => {
    expect(second.results.map((result) => result.file)).toEqual([correctedTable]);
    expect(second.packages).toHaveLength(1);
    expect(second.packages![0]!.files).toEqual([report, overall, correctedTable]);
    expect(second.packages![0]!.findings).toEqual([]);
  });

  it('lists the package finding as 已纠正 in the new table’s memo', () => {
    const memo = correctedMemo;
    const comparison = memo.slice(memo.indexOf('## 与前次报送的比较'));
    const fixed = comparison.slice(comparison.indexOf('### 已纠正'), comparison.indexOf('### 仍存在'));
    expect(fixed).toMatch(/- 【错误】在职人数在各文件中不一致：.*为50名.*「package\.figures-agree\.docx」为48人/);
    // The table's own warning moved with its figure: 48 over 46 is corrected, 50 over 46 (the real case) is new.
    expect(fixed).toContain('- 【警告】在职人员总数48人，超过总编制46人（超出2人）');
    expect(fixed).toContain('### 已纠正（2项）');
    const added = comparison.slice(comparison.indexOf('### 新发现'));
    expect(added).toContain('### 新发现（1项）');
    expect(added).toContain('在职人员总数50人，超过总编制46人');
    expect(added).not.toContain('在职人数在各文件中不一致');
  });

  it('mails nothing more for the package', () => {
    expect(outboxAfterSecond.filter((name) => name.includes('报送材料核对'))).toHaveLength(1);
  });
});

describe('review-desk mail on the output of check --out', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'package-mail-command-'));
    writeFileSync(join(dir, 'contacts.csv'), `unit,email,cc\n${unit},guantang@example.cn,\n`);
    await runCli(['check', '--out', dir, report, overall, wrongTable], { env, timeoutMs: 120_000 });
  }, 130_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('mails the package findings of results.json once, with the package memo the desk wrote', async () => {
    const args = ['mail', '--out', dir, '--contacts', join(dir, 'contacts.csv'), '--json'];
    const entriesOf = async () =>
      (JSON.parse((await runCli(args, { env })).stdout) as { entries: { sha256: string; state: string }[] }).entries;
    const packageEntry = (entries: { sha256: string; state: string }[]) =>
      entries.find((entry) => entry.sha256.startsWith('package:'));
    expect(packageEntry(await entriesOf())?.state).toBe('outbox');
    const eml = readdirSync(join(dir, 'outbox')).filter((name) => name.includes('报送材料核对'));
    expect(eml).toHaveLength(1);
    expect(packageEntry(await entriesOf())?.state).toBe('already-sent');
    expect(readdirSync(join(dir, 'outbox')).filter((name) => name.includes('报送材料核对'))).toHaveLength(1);
  }, 120_000);

  it('mails it again when it comes back after a correction that no mail run saw', async () => {
    // Corrected, then brought back (the wrong table repacked), both checked without mail: the desk notes
    // the correction when it takes the corrected table in, so the mail command tells the unit again.
    const returned = join(dir, '贯塘乡基础数据表（再次报送）.docx');
    writeFileSync(returned, zipSync(unzipSync(readFileSync(wrongTable)), { level: 1 }));
    await runCli(['check', '--out', dir, correctedTable], { env, timeoutMs: 120_000 });
    await runCli(['check', '--out', dir, returned], { env, timeoutMs: 120_000 });
    const args = ['mail', '--out', dir, '--contacts', join(dir, 'contacts.csv'), '--json'];
    const entries = (
      JSON.parse((await runCli(args, { env })).stdout) as { entries: { sha256: string; state: string }[] }
    ).entries;
    expect(entries.find((entry) => entry.sha256.startsWith('package:'))?.state).toBe('outbox');
    expect(readdirSync(join(dir, 'outbox')).filter((name) => name.includes('报送材料核对'))).toHaveLength(2);
  }, 250_000);
});

describe('a later resubmission that brings the mismatch back', () => {
  it('gives the package finding again', () => {
    expect(third.results.map((result) => result.status)).toEqual(['checked']);
    expect(third.packages![0]!.files).toEqual([report, overall, returnedTable]);
    expect(third.packages![0]!.findings.map((f) => [f.ruleId, f.data?.figure])).toEqual([
      ['package.figures-agree', '在职人数'],
    ]);
  });

  it('mails it again, once: a finding back after its correction is news to the unit', async () => {
    const packageMails = outboxAfterThird.filter((name) => name.includes('报送材料核对'));
    expect(packageMails).toHaveLength(2);
    const added = packageMails.find((name) => !outboxAfterSecond.includes(name))!;
    const parsed = await simpleParser(readFileSync(join(outDir, 'outbox', added), 'utf8'));
    expect(parsed.subject).toBe(`【审核意见】${unit}2023年度报送材料核对：发现1项不一致`);
    expect(parsed.text).toContain('在职人数在各文件中不一致');
    expect(parsed.text).toContain('贯塘乡基础数据表（再次报送）.docx');
    expect(parsed.text).not.toContain('此前已告知');
  });
});
