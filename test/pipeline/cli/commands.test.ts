/**
 * The other commands through the built CLI, over one shared output folder: `check --out` run twice
 * (the second run recognises everything), `status`, `rules`, `mail` against a real SMTP server on
 * 127.0.0.1, and the per-file time limit from the config file stopping a worker. What reads no
 * submission (`status`, `rules`, a missing contact list) goes through the CLI's `main` in process.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputSchema } from '../../../reports/result-schema.js';
import { type CliRun, runCli, runMain } from './support/cli.js';
import { type LocalSmtp, startLocalSmtp } from './support/smtp-server.js';

const files = [
  'fixtures/samples/pingdeng-2023.docx',
  'fixtures/samples/xinlin-2024.docx',
  'fixtures/bad/empty.docx',
  // A file refused whatever the reader (bad/image.png is read by OCR since #14).
  'fixtures/bad/text-renamed.pdf',
];

let work: string;
let outDir: string;
let first: CliRun;
let second: CliRun;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'commands-'));
  outDir = join(work, 'out');
  first = await runCli(['check', '--json', '--out', outDir, ...files]);
  second = await runCli(['check', '--json', '--out', outDir, ...files]);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('check --out run twice', () => {
  it('prints the same results the second time without checking anything again', () => {
    expect(checkOutputSchema.parse(JSON.parse(second.stdout))).toEqual(
      checkOutputSchema.parse(JSON.parse(first.stdout)),
    );
    expect(second.stderr).toContain('内容未变，沿用此前的审核结果');
    const checkedEvents = readFileSync(join(outDir, 'review-desk.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"event":"file-checked"'));
    expect(checkedEvents).toHaveLength(files.length);
    expect(readdirSync(join(outDir, 'memos'))).toHaveLength(files.length * 3);
  });
});

describe('status', () => {
  it('lists every submission the store holds with its state and counts', async () => {
    const run = await runMain(['status', '--json', '--out', outDir]);
    expect(run.code).toBe(0);
    const { submissions } = JSON.parse(run.stdout) as {
      submissions: { fileName: string; state: string; sha256: string; findings: { errors: number } }[];
    };
    const results = checkOutputSchema.parse(JSON.parse(first.stdout)).results;
    expect(submissions.map((entry) => entry.sha256).sort()).toEqual(results.map((result) => result.sha256).sort());
    for (const result of results) {
      const entry = submissions.find((candidate) => candidate.sha256 === result.sha256)!;
      expect(entry.state).toBe(result.status);
      expect(entry.findings.errors).toBe(result.findings.filter((finding) => finding.severity === 'error').length);
    }
  });

  it('prints a Chinese table without --json', async () => {
    const run = await runMain(['status', '--out', outDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('状态');
    expect(run.stdout).toContain('已退回');
  });

  it('exits 2 for a folder with no store', async () => {
    const run = await runMain(['status', '--out', join(work, 'nothing-here')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('没有审核记录');
  });
});

describe('rules', () => {
  it('lists the SPEC §4 catalogue with default severities', async () => {
    const run = await runMain(['rules', '--json']);
    expect(run.code).toBe(0);
    const { rules } = JSON.parse(run.stdout) as { rules: { id: string; defaultSeverity: string; title: string }[] };
    expect(rules.find((rule) => rule.id === 'scoring.group-points')?.defaultSeverity).toBe('error');
    expect(rules.find((rule) => rule.id === 'text.year-mismatch')?.defaultSeverity).toBe('info');
    expect(rules.length).toBeGreaterThanOrEqual(22);
    const text = await runMain(['rules']);
    expect(text.stdout).toContain('规则编号');
    expect(text.stdout).toContain('funds.balance');
  });
});

describe('mail', () => {
  let smtp: LocalSmtp;
  let contacts: string;

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    contacts = join(work, 'contacts.csv');
    writeFileSync(contacts, 'unit,email,cc\n平等乡人民政府,pingdeng@example.test,boss@example.test\n');
  });

  afterAll(() => smtp.close());

  it('lists what it would send on --dry-run and sends nothing', async () => {
    const run = await runCli(['mail', '--out', outDir, '--contacts', contacts, '--dry-run'], {
      env: { SMTP_URL: smtp.url },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('平等乡人民政府');
    expect(smtp.received).toHaveLength(0);
  });

  it('mails the unit with findings through SMTP with its memo attached, and only once', async () => {
    const run = await runCli(['mail', '--out', outDir, '--contacts', contacts], { env: { SMTP_URL: smtp.url } });
    expect(run.code).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to.sort()).toEqual(['boss@example.test', 'pingdeng@example.test']);
    expect(mail!.parsed.subject).toContain('平等乡人民政府');
    expect(mail!.parsed.attachments.map((attachment) => attachment.filename)).toContain('平等乡人民政府-2023.docx');
    const again = await runCli(['mail', '--out', outDir, '--contacts', contacts], { env: { SMTP_URL: smtp.url } });
    expect(again.code).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const status = await runCli(['status', '--json', '--out', outDir]);
    const entries = (JSON.parse(status.stdout) as { submissions: { unit: string | null; mail: string | null }[] })
      .submissions;
    expect(entries.find((entry) => entry.unit === '平等乡人民政府')?.mail).toBe('sent');
  });

  it('exits 2 when the contact list is missing', async () => {
    const run = await runMain(['mail', '--out', outDir, '--contacts', join(work, 'missing.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('找不到联系人文件');
  });
});

describe('check --out --mail', () => {
  it('writes each unit its message once into the outbox when no SMTP server is set, however often it runs', async () => {
    const out = join(work, 'mail-out');
    const contacts = join(work, 'mail-contacts.csv');
    writeFileSync(contacts, 'unit,email,cc\n平等乡人民政府,pingdeng@example.test,\n');
    const args = ['check', '--out', out, '--mail', '--contacts', contacts, 'fixtures/samples/pingdeng-2023.docx'];
    const run = await runCli(args, { env: { SMTP_URL: '' } });
    expect(run.code).toBe(1);
    expect(readdirSync(join(out, 'outbox')).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
    await runCli(args, { env: { SMTP_URL: '' } });
    expect(readdirSync(join(out, 'outbox')).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
    const status = await runCli(['status', '--json', '--out', out]);
    expect(status.stderr).toBe('');
    expect((JSON.parse(status.stdout) as { submissions: { mail: string }[] }).submissions[0]?.mail).toBe('outbox');
  });
});

describe('the per-file time limit', () => {
  it('stops a worker that runs over limits.timeoutMs and rejects that file with a Chinese message', async () => {
    const config = join(work, 'review-desk.config.json');
    writeFileSync(config, JSON.stringify({ limits: { timeoutMs: 1 } }));
    const started = Date.now();
    const run = await runCli(['check', '--json', '--config', config, 'fixtures/samples/nongye-2023.pdf']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(1);
    const [result] = checkOutputSchema.parse(JSON.parse(run.stdout)).results;
    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('corrupt-file');
    expect(result?.error?.message).toContain('超时');
  });
});
