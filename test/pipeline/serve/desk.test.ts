/**
 * The reviewer's desk end to end: `review-desk serve` as a child process on a store made by
 * `check --out` from the sample submissions, driven through Debian's chromium. Also regenerates the
 * screenshots in docs/ that the README shows.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../reports/result-schema.js';
import { repoRoot, runCli, runMain } from '../cli/support/cli.js';
import { launchBrowser } from './browser.js';
import { popplerWords } from './poppler-words.js';
import { type ServeProcess, startServe } from './serve-process.js';

let work: string;
let outDir: string;
let serve: ServeProcess;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let results: CheckResult[];

const samples = ['pingdeng-2023.pdf', 'jinhe-2023.docx', 'yanghe-2023.pdf'];
const docs = join(repoRoot, 'docs');

function resultOf(fileName: string): CheckResult {
  return results.find((result) => result.file.endsWith(fileName))!;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'review-desk-serve-'));
  const submissions = join(work, 'submissions');
  mkdirSync(submissions);
  for (const name of samples) copyFileSync(join(repoRoot, 'fixtures', 'samples', name), join(submissions, name));
  outDir = join(work, 'out');
  const check = await runCli(['check', submissions, '--out', outDir, '--exit-zero', '--jobs', '2']);
  expect(check.code).toBe(0);
  results = (JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { results: CheckResult[] }).results;
  serve = await startServe(['--out', outDir, '--jobs', '1']);
  browser = await launchBrowser();
  context = browser.context;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openUnit(page: Page, unit: string): Promise<void> {
  await page.goto(serve.url);
  await page.getByRole('link', { name: unit, exact: true }).click();
  await page.waitForSelector('h1');
}

describe('review-desk serve', () => {
  it('lists the checked packages on the batch page, with the findings-by-rule chart', async () => {
    const page = await context.newPage();
    await page.goto(serve.url);
    const units = results.map((result) => result.report!.unit!);
    for (const unit of units)
      await expect(page.getByRole('link', { name: unit, exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('#packages tbody tr').count()).resolves.toBe(units.length);
    await expect(page.locator('svg.rule-chart g[data-rule="scoring.group-points"]').count()).resolves.toBe(1);
    // Searching by unit name leaves only that unit's row.
    await page.fill('#filter-search', units[0]!.slice(0, 3));
    await expect(page.locator('#packages tbody tr:not([hidden])').count()).resolves.toBe(1);
    await page.fill('#filter-search', '');
    await page.screenshot({ path: join(docs, 'desk-batch.png'), fullPage: false });
    await page.close();
  });

  it('shows a PDF finding on its page image, the outline box around the figure', async () => {
    const pingdeng = resultOf('pingdeng-2023.pdf');
    const finding = pingdeng.findings.find((candidate) => candidate.ruleId === 'scoring.group-points')!;
    const evidence = finding.evidence[0]!;
    const location = evidence.location as { page?: number; box?: number[] };
    expect(location.page).toBeGreaterThan(0);
    expect(location.box).toHaveLength(4);
    const page = await context.newPage();
    await openUnit(page, pingdeng.report!.unit!);
    const block = page.locator('details.finding', { hasText: finding.message }).first();
    await block.locator('summary').click();
    const figure = block.locator('figure.page-evidence').first();
    await figure.locator('.outline.placed').waitFor();
    const image = await figure.locator('img').boundingBox();
    const outline = await figure.locator('.outline').boundingBox();
    expect(image && outline).toBeTruthy();
    // The box lies on the page image.
    expect(outline!.x).toBeGreaterThanOrEqual(image!.x);
    expect(outline!.y).toBeGreaterThanOrEqual(image!.y);
    expect(outline!.x + outline!.width).toBeLessThanOrEqual(image!.x + image!.width);
    expect(outline!.y + outline!.height).toBeLessThanOrEqual(image!.y + image!.height);
    // And encloses the figure's text where poppler finds it on that page.
    const archived = join(outDir, 'archive', `${pingdeng.sha256}.pdf`);
    const words = popplerWords(archived, location.page!).words;
    // Pixels per point: the image is drawn at data-dpi and shown scaled to the column's width.
    const natural = await figure
      .locator('img')
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    const dpi = Number(await figure.getAttribute('data-dpi'));
    const scale = image!.width / ((natural * 72) / dpi);
    const wanted = evidence.text.replace(/\s+/g, '');
    const matches = words.filter((word) => word.text.length > 1 && wanted.includes(word.text));
    expect(matches.length).toBeGreaterThan(0);
    const inside = matches.filter((word) => {
      const left = image!.x + word.x0 * scale;
      const right = image!.x + word.x1 * scale;
      const top = image!.y + word.y0 * scale;
      const bottom = image!.y + word.y1 * scale;
      const slack = 2;
      return (
        left >= outline!.x - slack &&
        right <= outline!.x + outline!.width + slack &&
        top >= outline!.y - slack &&
        bottom <= outline!.y + outline!.height + slack
      );
    });
    expect(inside.length).toBeGreaterThan(0);
    // The word holding the figure's value itself is inside the outline.
    expect(inside.some((word) => word.text.includes(String(evidence.value)))).toBe(true);
    // The box is about the figure's text, not the whole page.
    expect(outline!.width).toBeLessThan(image!.width / 2);
    await page.close();
  });

  it('shows a DOCX finding in the document drawn as HTML, scrolled to its place and highlighted', async () => {
    const jinhe = resultOf('jinhe-2023.docx');
    const finding = jinhe.findings.find((candidate) => candidate.evidence.length > 0)!;
    const page = await context.newPage();
    await openUnit(page, jinhe.report!.unit!);
    const block = page.locator('details.finding', { hasText: finding.message }).first();
    await block.locator('summary').click();
    const frameElement = block.locator('iframe.document-evidence').first();
    await frameElement.waitFor();
    const frame = await (await frameElement.elementHandle())!.contentFrame();
    await frame!.waitForSelector(':target');
    const target = await frame!.locator(':target').textContent();
    const evidence = finding.evidence[0]!;
    expect(target!.replace(/\s+/g, '')).toContain(evidence.text.replace(/\s+/g, '').slice(0, 6));
    type Styles = { getComputedStyle(element: unknown): { outlineStyle: string } };
    const outline = await frame!
      .locator(':target')
      .evaluate((element) => (globalThis as unknown as Styles).getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');
    await page.screenshot({ path: join(docs, 'desk-unit-docx.png') });
    await page.close();
  });

  it('dismisses a finding with a reason: the memo on disk is written again without it', async () => {
    const pingdeng = resultOf('pingdeng-2023.pdf');
    const finding = pingdeng.findings.find((candidate) => candidate.ruleId === 'scoring.group-points')!;
    const memoFile = readdirSync(join(outDir, 'memos')).find(
      (name) =>
        name.endsWith('.md') && readFileSync(join(outDir, 'memos', name), 'utf8').includes(pingdeng.report!.unit!),
    )!;
    const before = readFileSync(join(outDir, 'memos', memoFile), 'utf8');
    expect(before).toContain(finding.message);
    const page = await context.newPage();
    await openUnit(page, pingdeng.report!.unit!);
    const block = page.locator('details.finding', { hasText: finding.message }).first();
    await block.locator('summary').click();
    await block.locator('input[value="dismissed"]').check();
    await block.locator('input[name="reason"]').fill('打分表该项分值已经县财政局认可');
    await Promise.all([page.waitForURL(/#finding-/), block.locator('button[type="submit"]').click()]);
    const after = readFileSync(join(outDir, 'memos', memoFile), 'utf8');
    expect(after).not.toContain(finding.message);
    // The summary leaves it out too (its error count drops from 2 to 1); results.json stays what check printed.
    const summary = readFileSync(join(outDir, 'summary.md'), 'utf8');
    expect(summary).not.toContain(finding.message);
    expect(summary).toMatch(/\| 平等乡人民政府 \| 2023 \| [^|]+pingdeng-2023\.pdf \| 已审核 \| 97 \| 1 \|/);
    expect(readFileSync(join(outDir, 'results.json'), 'utf8')).toContain(finding.message);
    expect(after).toContain('1项问题经审核人员复核不予采纳');
    await page.reload();
    const reloaded = page.locator('details.finding', { hasText: finding.message }).first();
    await expect(reloaded.locator('.current-decision').textContent()).resolves.toContain('不采纳');
    await expect(reloaded.locator('.current-decision').textContent()).resolves.toContain(
      '打分表该项分值已经县财政局认可',
    );
    // The other finding of the same rule keeps its place in the memo.
    const other = pingdeng.findings.find(
      (candidate) => candidate.ruleId === 'scoring.group-points' && candidate !== finding,
    );
    if (other) expect(after).toContain(other.message);
    // The page came back at #finding-…: that finding is open already.
    if ((await reloaded.getAttribute('open')) === null) await reloaded.locator('summary').click();
    await reloaded.locator('.outline.placed').first().waitFor();
    await page.screenshot({ path: join(docs, 'desk-unit-pdf.png') });
    await page.close();
  });

  it('takes a file dropped on the batch page through the intake and lists it', async () => {
    const page = await context.newPage();
    await page.goto(serve.url);
    const before = await page.locator('#packages tbody tr').count();
    await page.setInputFiles('#upload-input', join(repoRoot, 'fixtures', 'samples', 'xinlin-2024.docx'));
    await page.locator('#packages tbody tr').nth(before).waitFor({ timeout: 60_000 });
    await expect(page.locator('#upload-status').textContent()).resolves.toContain('已审核');
    await expect(page.locator('#packages tbody tr', { hasText: '2024' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('refuses a form posted without its CSRF token (403)', async () => {
    const pingdeng = resultOf('pingdeng-2023.pdf');
    const body = new URLSearchParams({ sha256: pingdeng.sha256, finding: 'x', decision: 'confirmed', reason: '' });
    const response = await fetch(new URL('/decisions', serve.url), { method: 'POST', body });
    expect(response.status).toBe(403);
    // Also with the session cookie of a real visit: the cookie alone is not enough.
    const visit = await fetch(serve.url);
    const cookie = visit.headers.get('set-cookie')!.split(';')[0]!;
    const withCookie = await fetch(new URL('/decisions', serve.url), { method: 'POST', body, headers: { cookie } });
    expect(withCookie.status).toBe(403);
    expect(await withCookie.text()).toContain('缺少校验码');
  });

  it('answers 404 to encoded ../ and absolute paths, never serving a file outside the store', async () => {
    const paths = [
      '/files/originals/..%2f..%2freview-desk.sqlite',
      '/files/originals/..%2F..%2F..%2Fpackage.json',
      '/files/memos/..%2fresults.json',
      '/assets/..%2fserver.ts',
      '/assets/%2e%2e%2fdesk-view.ts',
      '/documents/..%2f..%2fpackage.json',
      '/pages/..%2f..%2f/1.png',
      '/%2Fetc%2Fpasswd',
      '//etc/passwd',
      '/files/originals//etc/passwd',
      '/files/originals/%2Fetc%2Fpasswd',
      `/files/originals/${'0'.repeat(64)}`,
    ];
    for (const path of paths) {
      const response = await fetch(`${serve.url.replace(/\/$/, '')}${path}`);
      const text = await response.text();
      expect(response.status, path).toBe(404);
      expect(text).not.toContain('root:');
      expect(text).not.toContain('"dependencies"');
    }
  });
});

describe('review-desk serve, refusing to start', () => {
  it('exits 2 with a Chinese message on 0.0.0.0 without a password file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-desk-serve-host-'));
    try {
      const run = await runMain(['serve', '--out', dir, '--host', '0.0.0.0']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('必须设置密码');
      expect(run.stderr).toContain('--password-file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
