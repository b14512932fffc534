/**
 * A mail server that accepts the connection and then says nothing: each wait on it is cut at the
 * run's time budget, and once the budget is spent the remaining messages are not tried — they stay
 * pending, unrecorded, for the next run.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMail } from '../../../pipeline/mail/mail.js';
import { MailStore } from '../../../pipeline/mail/mail-store.js';
import { smtpBudgetMs } from '../../../pipeline/mail/mail-transport.js';
import { seedResult, unitResult, warningFinding } from '../../reports/support/seed-result.js';
import { batchContactsCsv, tempOutDir, writeContacts } from './support/fixtures.js';

let server: Server;
let port: number;
const sockets = new Set<Socket>();

beforeAll(async () => {
  // Accepts and never greets: the hung server that used to cost a minute per message.
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('the SMTP time budget of a mail run', () => {
  const out = tempOutDir();
  const contactsFile = writeContacts(out.dir, batchContactsCsv);
  afterAll(() => out.cleanup());

  it('tries the first message within the budget and leaves the rest pending for the next run', async () => {
    const results = [
      seedResult(),
      unitResult('县教育局', '2', [warningFinding]),
      unitResult('城关镇', '3', [warningFinding]),
    ];
    const lines: string[] = [];
    const report = await runMail({
      outDir: out.dir,
      contactsFile,
      results,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      budgetMs: 500,
      log: (line) => lines.push(line),
    });
    expect(report.entries.map((entry) => [entry.state, entry.attempts, entry.deferred])).toEqual([
      ['pending', 1, false],
      ['pending', 0, true],
      ['pending', 0, true],
    ]);
    expect(report.entries[1]!.error).toBe('本次发信时间（1秒）已用完，留待下次发送');
    expect(lines).toContain('本次发信已用完时间限额（1秒），其余2份留待下次发送');
    const store = MailStore.open(out.dir);
    const rows = store.all();
    store.close();
    // Only the tried message is recorded; the deferred ones are simply not taken yet.
    expect(rows.map((row) => row.state)).toEqual(['pending']);
  });
});

describe('SMTP_BUDGET_SECONDS', () => {
  it('defaults to ten minutes and rejects a value a timer cannot hold', () => {
    expect(smtpBudgetMs({})).toBe(600_000);
    expect(smtpBudgetMs({ SMTP_BUDGET_SECONDS: '90' })).toBe(90_000);
    expect(() => smtpBudgetMs({ SMTP_BUDGET_SECONDS: '3000000' })).toThrow(/SMTP_BUDGET_SECONDS/);
    expect(() => smtpBudgetMs({ SMTP_BUDGET_SECONDS: 'soon' })).toThrow(/SMTP_BUDGET_SECONDS/);
  });
});
