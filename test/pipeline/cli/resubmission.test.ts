/**
 * A corrected resubmission through the built CLI (`check --out --mail`, then `mail`): the current
 * submission holds the plain memo name 平等乡人民政府-2023, the superseded memo is moved to its
 * sha-suffixed name, and results.json and the mail point at the memo each result really has. A
 * report naming its county (峨边县平等乡人民政府) is the same unit for supersession and the contact list.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputSchema } from '../../../reports/result-schema.js';
import { seedVariantDocx } from '../../reports/support/checked-submission.js';
import { type CliRun, runCli } from './support/cli.js';

const original = 'fixtures/samples/pingdeng-2023.docx';
// The same unit and year with a different 收支 figure: a resubmission of 平等乡 2023.
const corrected = 'fixtures/discrepancies/funds.balance.docx';
const plain = '平等乡人民政府-2023';

interface SavedResult {
  file: string;
  sha256: string;
  memo: { md: string; html: string; docx: string } | null;
  superseded: boolean;
  supersededBy: { sha256: string; file: string } | null;
  supersedes: { sha256: string; file: string } | null;
}

let work: string;
let outDir: string;
let contacts: string;
let first: CliRun;
let second: CliRun;

const env = { SMTP_URL: '' };
const memoText = (name: string): string => readFileSync(join(outDir, 'memos', name), 'utf8');
const savedResults = (): SavedResult[] =>
  (JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { results: SavedResult[] }).results;
const outbox = (): string[] =>
  readdirSync(join(outDir, 'outbox'))
    .filter((name) => name.endsWith('.eml'))
    .sort();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'resubmission-'));
  outDir = join(work, 'out');
  contacts = join(work, 'contacts.csv');
  writeFileSync(contacts, 'unit,email,cc\n平等乡人民政府,pingdeng@example.test,\n');
  const mail = ['--mail', '--contacts', contacts];
  first = await runCli(['check', '--json', '--out', outDir, ...mail, original], { env });
  second = await runCli(['check', '--json', '--out', outDir, ...mail, corrected], { env });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a resubmission through check --out', () => {
  it('writes the new memo under the plain name and moves the superseded one to its sha-suffixed name', () => {
    const [earlier] = checkOutputSchema.parse(JSON.parse(first.stdout)).results;
    const aside = `${plain}-${earlier!.sha256.slice(0, 8)}`;
    expect(readdirSync(join(outDir, 'memos')).sort()).toEqual(
      [plain, aside].flatMap((base) => ['docx', 'html', 'md'].map((ext) => `${base}.${ext}`)).sort(),
    );
    expect(memoText(`${plain}.md`)).toContain('本次报送替代');
    expect(memoText(`${plain}.md`)).toContain(earlier!.sha256);
    expect(memoText(`${aside}.md`)).not.toContain('本次报送替代');
  });

  it('points results.json at the memo under the plain name and names the submission it replaced', () => {
    const [earlier] = checkOutputSchema.parse(JSON.parse(first.stdout)).results;
    const [later] = checkOutputSchema.parse(JSON.parse(second.stdout)).results;
    const saved = savedResults();
    expect(saved.map((result) => result.sha256)).toEqual([later!.sha256]);
    expect(saved[0]).toMatchObject({
      file: corrected,
      memo: { md: join('memos', `${plain}.md`), docx: join('memos', `${plain}.docx`) },
      superseded: false,
      supersededBy: null,
      supersedes: { sha256: earlier!.sha256, file: original },
    });
  });

  it('mails the resubmission with the memo now under the plain name attached', async () => {
    const files = outbox();
    expect(files).toHaveLength(2);
    const [later] = checkOutputSchema.parse(JSON.parse(second.stdout)).results;
    const latest = files.find((name) => name.includes(later!.sha256.slice(0, 8)))!;
    const mail = await simpleParser(readFileSync(join(outDir, 'outbox', latest)));
    const attachment = mail.attachments.find((entry) => entry.filename === `${plain}.docx`);
    expect(attachment?.content.equals(readFileSync(join(outDir, 'memos', `${plain}.docx`)))).toBe(true);
  });

  it('lists both files in results.json when both are checked again, the earlier one marked superseded', async () => {
    const again = await runCli(['check', '--json', '--out', outDir, original, corrected], { env });
    const printed = checkOutputSchema.parse(JSON.parse(again.stdout));
    const saved = savedResults();
    expect(saved.map((result) => result.file)).toEqual([original, corrected]);
    expect(saved.map((result) => result.sha256)).toEqual(printed.results.map((result) => result.sha256));
    expect(saved[0]).toMatchObject({
      superseded: true,
      supersededBy: { sha256: printed.results[1]!.sha256, file: corrected },
      memo: { md: join('memos', `${plain}-${printed.results[0]!.sha256.slice(0, 8)}.md`) },
    });
    expect(saved[1]).toMatchObject({ superseded: false, memo: { md: join('memos', `${plain}.md`) } });
  });

  it('has the mail command mail only the current result of results.json', async () => {
    const run = await runCli(['mail', '--out', outDir, '--contacts', contacts, '--dry-run', '--json'], { env });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { entries: { file: string; state: string }[] };
    expect(report.entries.map((entry) => entry.file)).toEqual([corrected]);
  });
});

describe('a resubmission that names its county before the township', () => {
  it('supersedes the earlier report of 平等乡人民政府 and is mailed to that contact', async () => {
    const folder = join(work, 'county');
    const out = join(folder, 'out');
    const renamed = join(folder, '峨边县平等乡.docx');
    mkdirSync(folder);
    writeFileSync(
      renamed,
      await seedVariantDocx('county-prefixed', [{ from: '平等乡人民政府', to: '峨边县平等乡人民政府', count: 4 }]),
    );
    const mail = ['--mail', '--contacts', contacts];
    await runCli(['check', '--out', out, ...mail, original], { env });
    const run = await runCli(['check', '--json', '--out', out, ...mail, renamed], { env });
    const [later] = checkOutputSchema.parse(JSON.parse(run.stdout)).results;
    expect(later?.report?.unit).toBe('峨边县平等乡人民政府');
    const saved = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SavedResult[] }).results;
    expect(saved[0]?.supersedes?.file).toBe(original);
    const eml = readdirSync(join(out, 'outbox')).find((name) => name.includes(later!.sha256.slice(0, 8)))!;
    const message = await simpleParser(readFileSync(join(out, 'outbox', eml)));
    expect(message.to && !Array.isArray(message.to) ? message.to.value.map((entry) => entry.address) : null).toEqual([
      'pingdeng@example.test',
    ]);
  });
});
