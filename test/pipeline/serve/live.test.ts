/**
 * `review-desk serve --inbox`: the watcher runs in the desk's process, and a file dropped into the
 * inbox appears on an open batch page without a reload (server-sent events).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/support/cli.js';
import { launchBrowser } from './browser.js';
import { type ServeProcess, startServe } from './serve-process.js';

let work: string;
let inbox: string;
let serve: ServeProcess;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'review-desk-live-'));
  inbox = join(work, 'inbox');
  mkdirSync(inbox);
  serve = await startServe(['--out', join(work, 'out'), '--inbox', inbox, '--jobs', '1']);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('review-desk serve --inbox', () => {
  it('shows a file that arrives in the inbox on the open page, without a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(serve.url);
    await expect(page.locator('#packages tbody tr').count()).resolves.toBe(0);
    // A marker on the window: a reload would lose it.
    await page.evaluate(() => {
      (globalThis as unknown as { stayed: boolean }).stayed = true;
    });
    copyFileSync(join(repoRoot, 'fixtures', 'samples', 'yanghe-2023.docx'), join(inbox, 'yanghe-2023.docx'));
    await page.locator('#packages tbody tr').first().waitFor({ timeout: 90_000 });
    await expect(page.locator('#packages tbody tr').first().textContent()).resolves.toContain('杨河乡');
    await expect(page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).resolves.toBe(true);
    await page.close();
  });
});
