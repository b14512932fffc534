/**
 * The desk on the other formats a unit sends, in the real browser: a legacy .doc, an XLSX form and an
 * .xls table drawn as HTML beside their findings, scrolled to the paragraph or cell and highlighted
 * (both places of a finding that compares two figures); resending a unit's mail to a real SMTP
 * server on 127.0.0.1; and the downloads — the original, the memo as DOCX and HTML, the summary XLSX,
 * and the package memo (报送材料核对) of a unit that sent two documents, served by its unit's key only.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../reports/result-schema.js';
import { repoRoot, runCli } from '../cli/support/cli.js';
import { type SmtpSink, startSmtpSink } from '../mail/support/smtp-sink.js';
import { launchBrowser } from './browser.js';
import { type ServeProcess, startServe } from './serve-process.js';

let work: string;
let outDir: string;
let serve: ServeProcess;
let smtp: SmtpSink;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let results: CheckResult[];

const sources = {
  doc: join(repoRoot, 'fixtures', 'formats', 'baiyang-2023.doc'),
  xlsx: join(repoRoot, 'fixtures', 'forms', 'overall-nature-guantang-2023.xlsx'),
  xls: join(repoRoot, 'fixtures', 'forms', 'basic-data-guantang-2023.xls'),
};
const guantang = '衡山县贯塘乡人民政府';

function resultOf(path: string): CheckResult {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return results.find((result) => result.file.endsWith(name))!;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'review-desk-serve-formats-'));
  const submissions = join(work, 'submissions');
  mkdirSync(submissions);
  for (const source of Object.values(sources)) {
    copyFileSync(source, join(submissions, source.slice(source.lastIndexOf('/') + 1)));
  }
  outDir = join(work, 'out');
  const check = await runCli(['check', submissions, '--out', outDir, '--exit-zero', '--jobs', '2']);
  expect(check.code).toBe(0);
  results = (JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { results: CheckResult[] }).results;
  const contacts = join(work, 'contacts.csv');
  writeFileSync(
    contacts,
    `unit,email,cc\n${guantang},guantang-caizheng@example.org,\n白杨乡人民政府,baiyang@example.org,\n`,
  );
  smtp = await startSmtpSink();
  serve = await startServe(['--out', outDir, '--contacts', contacts, '--jobs', '1'], undefined, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'review-desk@example.org',
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await smtp?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openUnit(page: Page, unit: string): Promise<void> {
  await page.goto(serve.url);
  await page.getByRole('link', { name: unit, exact: true }).click();
  await page.waitForSelector('h1');
}

interface Shown {
  id: string;
  text: string;
  outline: string;
  /** Whether the element lies within the frame's visible area (the frame was scrolled to it). */
  visible: boolean;
  /** How far down the frame's document is scrolled, in CSS pixels. */
  scrollY: number;
}

/** The element a document frame was opened at (its #anchor), once the frame has scrolled to it. */
async function targetOf(frame: Frame): Promise<Shown> {
  await frame.waitForSelector(':target');
  type Win = {
    getComputedStyle(element: unknown): { outlineStyle: string };
    innerHeight: number;
    scrollY: number;
  };
  return frame.locator(':target').evaluate((element) => {
    const win = globalThis as unknown as Win;
    const target = element as unknown as {
      id: string;
      textContent: string;
      getBoundingClientRect(): { top: number; bottom: number };
    };
    const rect = target.getBoundingClientRect();
    return {
      id: target.id,
      text: target.textContent,
      outline: win.getComputedStyle(element).outlineStyle,
      visible: rect.top >= 0 && rect.bottom <= win.innerHeight,
      scrollY: win.scrollY,
    };
  });
}

/** Opens the finding with `message` and returns, for each evidence in order, the place its frame shows. */
async function evidenceShown(page: Page, message: string): Promise<Shown[]> {
  const block = page.locator('details.finding', { hasText: message }).first();
  await block.locator('summary').click();
  const frames = block.locator('iframe.document-evidence');
  await frames.first().waitFor();
  const shown: Shown[] = [];
  for (let i = 0; i < (await frames.count()); i++) {
    const frame = await (await frames.nth(i).elementHandle())!.contentFrame();
    shown.push(await targetOf(frame!));
  }
  return shown;
}

const squeeze = (text: string): string => text.replace(/\s+/g, '');

describe('review-desk serve, other formats', () => {
  it('shows a .doc finding in the document drawn as HTML, at its paragraph and highlighted', async () => {
    const baiyang = resultOf(sources.doc);
    expect(baiyang.format).toBe('doc');
    const finding = baiyang.findings.find((candidate) => candidate.ruleId === 'text.year-mismatch')!;
    const evidence = finding.evidence[0]!;
    const paragraph = (evidence.location as { paragraph: number }).paragraph;
    const page = await browser.context.newPage();
    await openUnit(page, baiyang.report!.unit!);
    const [shown] = await evidenceShown(page, finding.message);
    expect(shown!.id).toBe(`p-${paragraph}`);
    expect(squeeze(shown!.text)).toContain(squeeze(evidence.text).slice(0, 12));
    expect(shown!.outline).toBe('solid');
    // Paragraph 23 is far down the report: the frame was scrolled to it.
    expect(shown!.scrollY).toBeGreaterThan(0);
    expect(shown!.visible).toBe(true);
    await page.close();
  });

  it('shows both cells of an XLSX form finding, each in the sheet drawn as HTML and highlighted', async () => {
    const form = resultOf(sources.xlsx);
    expect(form.format).toBe('xlsx');
    const finding = form.findings.find((candidate) => candidate.ruleId === 'funds.execution-matches-expenditure')!;
    const page = await browser.context.newPage();
    await openUnit(page, guantang);
    const shown = await evidenceShown(page, finding.message);
    expect(shown).toHaveLength(finding.evidence.length);
    expect(finding.evidence.length).toBe(2);
    finding.evidence.forEach((evidence, i) => {
      const cell = evidence.location as { table: number; row: number; column: number };
      expect(shown[i]!.id).toBe(`t-${cell.table}-${cell.row}-${cell.column}`);
      expect(squeeze(shown[i]!.text)).toBe(squeeze(evidence.text));
      expect(shown[i]!.outline).toBe('solid');
      expect(shown[i]!.visible).toBe(true);
    });
    // The two figures the finding compares: 全年执行数 2030.12 and the 支出 total 1925.67.
    expect(shown.map((place) => place.text.trim())).toEqual(['2030.12', '1925.67']);
    await page.close();
  });

  it('shows both cells of an .xls finding in the table drawn as HTML', async () => {
    const table = resultOf(sources.xls);
    expect(table.format).toBe('xls');
    const finding = table.findings.find((candidate) => candidate.ruleId === 'staffing.actual-within-authorized')!;
    const page = await browser.context.newPage();
    await openUnit(page, guantang);
    const section = page.locator('section.document', { has: page.locator(`text=${table.file.split('/').pop()}`) });
    await section.waitFor();
    const block = section.locator('details.finding', { hasText: finding.message }).first();
    await block.locator('summary').click();
    const frames = block.locator('iframe.document-evidence');
    await frames.first().waitFor();
    const shown: Shown[] = [];
    for (let i = 0; i < (await frames.count()); i++) {
      shown.push(await targetOf((await (await frames.nth(i).elementHandle())!.contentFrame())!));
    }
    // 实际在职人数 50 against 编制数 46, each cell outlined where it stands.
    expect(shown.map((place) => [place.id, place.text.trim(), place.outline])).toEqual(
      finding.evidence.map((evidence) => {
        const cell = evidence.location as { table: number; row: number; column: number };
        return [`t-${cell.table}-${cell.row}-${cell.column}`, evidence.text, 'solid'];
      }),
    );
    await page.close();
  });

  it("resends a unit's mail to the SMTP server, with the memo attached, each time it is asked", async () => {
    const page = await browser.context.newPage();
    await openUnit(page, guantang);
    const before = smtp.received.length;
    await Promise.all([page.waitForURL(/\/mail$/), page.getByRole('button', { name: '重新发送本单位邮件' }).click()]);
    const message = await page.locator('main').textContent();
    // Two documents of the package (the XLSX form and the .xls table): a message for each.
    expect(message).toMatch(/已重新发送2封邮件/);
    const sent = smtp.received.slice(before);
    expect(sent).toHaveLength(2);
    for (const mail of sent) {
      expect(mail.envelope.to).toEqual(['guantang-caizheng@example.org']);
      expect(mail.envelope.from).toBe('review-desk@example.org');
      expect(mail.parsed.subject).toContain('贯塘乡');
      const attachment = mail.parsed.attachments.find((file) => file.filename?.endsWith('.docx'));
      expect(attachment?.content.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    // Asked again, it is sent again (a resend is forced; the same findings are not "already sent").
    await page.goBack();
    await Promise.all([page.waitForURL(/\/mail$/), page.getByRole('button', { name: '重新发送本单位邮件' }).click()]);
    expect(smtp.received.length).toBe(before + 4);
    await page.close();
  });

  it('downloads the original byte for byte, the memo as DOCX and HTML, and the summary XLSX', async () => {
    const form = resultOf(sources.xlsx);
    const page = await browser.context.newPage();
    await openUnit(page, guantang);
    const section = page.locator('section.document', { has: page.locator('text=overall-nature-guantang-2023.xlsx') });
    const download = async (trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> => {
      const [event] = await Promise.all([page.waitForEvent('download'), trigger()]);
      const saved = join(work, `download-${Date.now()}`);
      await event.saveAs(saved);
      return { name: event.suggestedFilename(), bytes: readFileSync(saved) };
    };

    const original = await download(() => section.getByRole('link', { name: '下载原件' }).click());
    expect(original.name).toBe('overall-nature-guantang-2023.xlsx');
    expect(createHash('sha256').update(original.bytes).digest('hex')).toBe(form.sha256);
    expect(original.bytes.equals(readFileSync(sources.xlsx))).toBe(true);

    const memoDocx = await download(() => section.getByRole('link', { name: '审核意见（DOCX）' }).click());
    expect(memoDocx.name).toMatch(/\.docx$/);
    expect(memoDocx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(memoDocx.bytes.includes(Buffer.from('word/document.xml'))).toBe(true);

    // The HTML memo opens in the browser: the unit and the finding are on it.
    const finding = form.findings[0]!;
    await section.getByRole('link', { name: '审核意见（HTML）' }).click();
    await page.waitForLoadState();
    const memoText = squeeze((await page.locator('body').textContent()) ?? '');
    expect(memoText).toContain(squeeze(guantang));
    expect(memoText).toContain(squeeze(finding.message));

    await page.goto(serve.url);
    const summary = await download(() => page.getByRole('link', { name: '下载汇总表' }).click());
    expect(summary.name).toBe('汇总表.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(summary.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.text));
      });
    });
    expect(cells).toContain(guantang);
    expect(cells).toContain('白杨乡人民政府');
    await page.close();
  });

  /** The package memo's HTML link on 贯塘乡's unit page. */
  let packageMemoHtml: string;

  it("links the unit's package memo (报送材料核对) as DOCX and HTML, the files the desk wrote", async () => {
    const memoBase = `${guantang}-2023-报送材料核对`;
    const written = {
      docx: readFileSync(join(outDir, 'memos', `${memoBase}.docx`)),
      html: readFileSync(join(outDir, 'memos', `${memoBase}.html`), 'utf8'),
    };
    const page = await browser.context.newPage();
    await openUnit(page, guantang);
    const section = page.locator('section.package-memo');
    packageMemoHtml = (await section.getByRole('link', { name: '报送材料核对意见（HTML）' }).getAttribute('href'))!;
    await expect(section.locator('h2').textContent()).resolves.toContain('报送材料核对');
    const [event] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: '报送材料核对意见（DOCX）' }).click(),
    ]);
    const saved = join(work, `package-memo-${Date.now()}.docx`);
    await event.saveAs(saved);
    expect(event.suggestedFilename()).toBe(`${memoBase}.docx`);
    expect(readFileSync(saved).equals(written.docx)).toBe(true);

    // The HTML memo opens in the browser: the package's memo, naming both documents.
    await section.getByRole('link', { name: '报送材料核对意见（HTML）' }).click();
    await page.waitForLoadState();
    expect(await page.title()).toBe(`${guantang}2023年度单位报送材料核对意见`);
    const memoText = squeeze((await page.locator('body').textContent()) ?? '');
    expect(memoText).toContain('overall-nature-guantang-2023.xlsx');
    expect(memoText).toContain('basic-data-guantang-2023.xls');
    expect(await page.content()).toContain(
      written.html.slice(written.html.indexOf('<body'), written.html.indexOf('<body') + 200),
    );

    // 白杨乡 sent one document: no package to compare, no package memo, no link.
    await openUnit(page, '白杨乡人民政府');
    expect(await page.locator('section.package-memo').count()).toBe(0);
    await page.close();
  });

  it('serves the package memo by the unit key only, never a path from the request', async () => {
    const base = serve.url.replace(/\/$/, '');
    // The link names the unit's key (its name as the store normalises it, and the year), nothing else.
    const match = /^\/files\/package-memos\/(.+)\.html$/.exec(packageMemoHtml);
    expect(match).not.toBeNull();
    const key = match![1]!;
    expect(decodeURIComponent(key)).toMatch(/~2023$/);
    const ok = await fetch(`${base}${packageMemoHtml}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const docx = await fetch(`${base}/files/package-memos/${key}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain(encodeURIComponent(`${guantang}-2023-报送材料核对.docx`));
    const paths = [
      `/files/package-memos/${key}.md`,
      `/files/package-memos/${key}`,
      `/files/package-memos/${key.replace('2023', '2022')}.docx`,
      `/files/package-memos/${encodeURIComponent(`${guantang}-2023-报送材料核对`)}.html`,
      '/files/package-memos/..%2F..%2Fpackage.json',
      '/files/package-memos/..%2fresults.json.html',
      `/files/package-memos/..%2Fmemos%2F${encodeURIComponent(guantang)}-2023-报送材料核对.html`,
      '/files/package-memos/%2Fetc%2Fpasswd.html',
    ];
    for (const path of paths) {
      const response = await fetch(`${base}${path}`);
      const text = await response.text();
      expect(response.status, path).toBe(404);
      expect(text).not.toContain('root:');
      expect(text).not.toContain('报送材料核对意见</title>');
    }
  });
});
