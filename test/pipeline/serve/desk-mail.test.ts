/**
 * The unit's package mail on the desk (SPEC §6–§8): the batch page's 邮件 cell tells of the package message
 * (报送材料核对) as the 汇总 sheet's does — the most urgent state of the unit's messages, each kind's beneath
 * — and 重新发送本单位邮件 resends it with the documents' messages. `check --out --mail` on 贯塘乡's report,
 * overall form and the basic-data table whose 在职人数 disagrees with the report, against a real SMTP server
 * on 127.0.0.1 that accepts the documents' messages and turns the package message away; then
 * `review-desk serve` on that output folder, in the real browser and over HTTP.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/support/cli.js';
import { type SmtpSink, startSmtpSink } from '../mail/support/smtp-sink.js';
import { launchBrowser } from './browser.js';
import { type ServeProcess, startServe } from './serve-process.js';

const unit = '衡山县贯塘乡人民政府';
const address = 'guantang@example.cn';
const files = [
  'fixtures/packages/guantang-2023/outline-basic-first-guantang-2023.docx',
  'fixtures/packages/guantang-2023/overall-nature-guantang-2023.docx',
  'fixtures/forms/discrepancies/package.figures-agree.docx',
];
const packageSubject = `【审核意见】${unit}2023年度报送材料核对：发现1项不一致`;

let work: string;
let outDir: string;
let smtp: SmtpSink;
let serve: ServeProcess;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
/** What the SMTP server turns away: the package message (a 550 after its data), or every recipient. */
const refuse = { packageMessage: true, recipient: false };

const packageMails = () => smtp.received.filter((mail) => mail.parsed.subject === packageSubject);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'review-desk-serve-mail-'));
  outDir = join(work, 'out');
  const contacts = join(work, 'contacts.csv');
  writeFileSync(contacts, `unit,email,cc\n${unit},${address},\n`);
  smtp = await startSmtpSink({
    refuseMessage: (parsed) => refuse.packageMessage && parsed.subject === packageSubject,
    refuseRecipient: () => refuse.recipient,
  });
  const env = { SMTP_URL: smtp.url, MAIL_FROM: 'review-desk@example.org' };
  const check = await runCli(['check', ...files, '--out', outDir, '--mail', '--contacts', contacts, '--exit-zero'], {
    env,
    timeoutMs: 120_000,
  });
  expect(check.code, check.stderr).toBe(0);
  serve = await startServe(['--out', outDir, '--contacts', contacts, '--jobs', '1'], undefined, env);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await smtp?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the batch page's 邮件 cell and the resend button, with the package mail", () => {
  it('sent the three documents’ messages and held the package message back (the setting of the tests below)', () => {
    expect(smtp.received.map((mail) => mail.parsed.subject)).toHaveLength(3);
    expect(packageMails()).toHaveLength(0);
    // The summary written by the check already says so: the row's 邮件 cell is the package message's state.
    expect(readFileSync(join(outDir, 'summary.md'), 'utf8')).toContain('待发送');
  });

  it('shows the unsent package message on the batch page and sends it with 重新发送本单位邮件', async () => {
    const page = await browser.context.newPage();
    await page.goto(serve.url);
    const row = page.locator('#packages tbody tr', { has: page.getByRole('link', { name: unit, exact: true }) });
    const cell = row.locator('td.mail');
    // The documents' messages went; the package's did not: the cell says what needs doing, as 汇总 does.
    await expect(row.getAttribute('data-mail')).resolves.toBe('待发送');
    await expect(cell.textContent()).resolves.toMatch(/^\s*待发送/);
    await expect(cell.locator('small').allTextContents()).resolves.toEqual(['文件：已发送', '报送材料核对：待发送']);

    refuse.packageMessage = false;
    await row.getByRole('link', { name: unit, exact: true }).click();
    await page.waitForSelector('h1');
    await Promise.all([page.waitForURL(/\/mail$/), page.getByRole('button', { name: '重新发送本单位邮件' }).click()]);
    const message = (await page.locator('main').textContent()) ?? '';
    expect(message).toContain('已重新发送4封邮件（含报送材料核对1封）');
    expect(message).not.toContain('未能发出');
    const [sent] = packageMails();
    expect(packageMails()).toHaveLength(1);
    expect(sent!.envelope.to).toEqual([address]);
    expect(sent!.parsed.text).toContain('在职人数在各文件中不一致');
    expect(sent!.parsed.attachments.map((file) => file.filename)).toEqual([`${unit}-2023-报送材料核对.docx`]);

    await page.getByRole('link', { name: '返回批次总览' }).click();
    await page.waitForSelector('#packages');
    await expect(row.getAttribute('data-mail')).resolves.toBe('已发送');
    await expect(cell.textContent()).resolves.toMatch(/^\s*已发送/);
    await expect(cell.locator('small').allTextContents()).resolves.toEqual(['文件：已发送', '报送材料核对：已发送']);
    await page.close();
  });

  it('says over HTTP which messages a resend could not send, and the batch page shows them failed', async () => {
    const base = serve.url.replace(/\/$/, '');
    const batch = await fetch(`${base}/`);
    const cookie = batch.headers.get('set-cookie')!.split(';')[0]!;
    const batchHtml = await batch.text();
    const href = new RegExp(`<a href="(/units/[^"]+)">${unit}</a>`).exec(batchHtml)![1]!;
    const unitPage = await (await fetch(`${base}${href}`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(unitPage)![1]!;

    // The server now refuses the unit's address (550): every message fails for good.
    refuse.recipient = true;
    const received = smtp.received.length;
    const resend = await fetch(`${base}${href}/mail`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }),
    });
    expect(resend.status).toBe(200);
    const text = await resend.text();
    expect(text).toContain('没有发出邮件');
    expect(text).toContain(`${unit}2023年度报送材料`);
    expect(text).toContain('邮件服务器拒绝了收件地址');
    expect(smtp.received.length).toBe(received);

    // Without the session's CSRF token nothing is sent.
    const forged = await fetch(`${base}${href}/mail`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'forged' }),
    });
    expect(forged.status).toBe(403);

    const after = await (await fetch(`${base}/`, { headers: { cookie } })).text();
    const row = after.slice(
      after.indexOf(`data-unit="${unit}"`),
      after.indexOf('</tr>', after.indexOf(`data-unit="${unit}"`)),
    );
    expect(row).toContain('data-mail="发送失败"');
    expect(row).toContain('报送材料核对：发送失败');
    expect(row).toContain('文件：发送失败');
    refuse.recipient = false;
  });
});
