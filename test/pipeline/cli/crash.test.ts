/**
 * Crash safety: a `review-desk watch --mail` child is killed with SIGKILL at several points of a
 * batch (after some stderr lines, or after a random delay) and restarted each time; each kill is
 * checked to have ended the process by the signal with work still unfinished. At the end every submission is in the store once and finished,
 * every original is archived byte for byte and moved out of the inbox exactly once, and the memos
 * and the mail outbox hold each submission once.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, repoRoot, runCli } from './support/cli.js';
import { sleep, waitFor } from './support/wait.js';

interface StatusEntry {
  sha256: string;
  fileName: string;
  state: string;
  stage: string;
  mail: string | null;
  supersededBy: string | null;
  duplicates: number;
}

const inputs: [string, string][] = [
  ['samples/baiyang-2023.docx', '白杨乡.docx'],
  ['samples/jinhe-2023.docx', '金河乡.docx'],
  ['samples/nongye-2023.docx', '农业农村局.docx'],
  ['samples/pingdeng-2023.docx', '平等乡.docx'],
  ['samples/xinlin-2024.docx', '新林镇.docx'],
  ['samples/yanghe-2023.pdf', '杨河乡.pdf'],
  ['discrepancies/funds.balance.docx', '平等乡-修改稿.docx'],
  ['discrepancies/drug.breakdown.docx', '平等乡-再次修改.docx'],
  ['bad/empty.docx', 'empty.docx'],
  ['bad/truncated.docx', 'truncated.docx'],
  ['bad/image.png', 'image.png'],
  ['samples/xinlin-2024.docx', '新林镇-重复.docx'],
];

const contacts = [
  'unit,email,cc',
  '白杨乡人民政府,baiyang@example.test,',
  '金河乡人民政府,jinhe@example.test,',
  '县农业农村局,nongye@example.test,',
  '平等乡人民政府,pingdeng@example.test,leader@example.test',
  '新林镇人民政府,xinlin@example.test,',
  '杨河乡人民政府,yanghe@example.test,',
].join('\n');

/**
 * When each run is killed: after so many stderr lines, or after a random delay (up to `maxMs`) once
 * it is watching — a point that falls anywhere in the work, not only between two lines.
 */
type KillPoint = { readonly afterLines: number } | { readonly afterFiles: number } | { readonly randomMs: number };
// `afterFiles` waits for files to be finished in that run, so the killed runs surely take the batch forward.
const killPoints: readonly KillPoint[] = [{ afterLines: 2 }, { randomMs: 600 }, { afterFiles: 2 }, { randomMs: 600 }];

interface Kill {
  readonly point: string;
  readonly exit: { code: number | null; signal: NodeJS.Signals | null };
  /** Submissions the store held as finished when the process died, and files still waiting in the inbox. */
  readonly doneInStore: number;
  readonly waiting: number;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let work: string;
let inbox: string;
let outDir: string;
let contactsFile: string;
let statuses: StatusEntry[];
const kills: Kill[] = [];

function watchArgs(): string[] {
  return ['watch', inbox, '--out', outDir, '--mail', '--contacts', contactsFile, '--stability-ms', '200'];
}

function waitingInInbox(): string[] {
  return readdirSync(inbox).filter((name) => name !== 'processed' && name !== 'rejected');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crash-'));
  inbox = join(work, 'inbox');
  outDir = join(work, 'out');
  contactsFile = join(work, 'contacts.csv');
  mkdirSync(inbox);
  writeFileSync(contactsFile, contacts);
  for (const [source, name] of inputs) copyFileSync(join(repoRoot, 'fixtures', source), join(inbox, name));
  const env = { SMTP_URL: '' };

  for (const point of killPoints) {
    const child = new CliProcess(watchArgs(), { env });
    let shown: string;
    if ('afterLines' in point) {
      await Promise.race([child.waitForCount(/./, point.afterLines, 60_000).catch(() => {}), child.exited]);
      shown = `after ${point.afterLines} lines`;
    } else if ('afterFiles' in point) {
      await Promise.race([child.waitForCount(/已审核|已退回/, point.afterFiles, 60_000).catch(() => {}), child.exited]);
      shown = `after ${point.afterFiles} files`;
    } else {
      await Promise.race([child.waitForLine(/正在监视/, 60_000).catch(() => {}), child.exited]);
      const delay = Math.floor(Math.random() * point.randomMs);
      await sleep(delay);
      shown = `${delay} ms after it started watching`;
    }
    child.child.kill('SIGKILL');
    const exit = await child.exited;
    const store = await runCli(['status', '--json', '--out', outDir]);
    const rows = store.code === 0 ? (JSON.parse(store.stdout) as { submissions: StatusEntry[] }).submissions : [];
    kills.push({
      point: `${shown}, last line: ${child.lines.at(-1) ?? '(none)'}`,
      exit,
      doneInStore: rows.filter((row) => row.stage === 'done').length,
      waiting: waitingInInbox().length,
    });
  }

  const last = new CliProcess(watchArgs(), { env });
  await last.waitForLine(/正在监视/, 60_000);
  await waitFor(() => waitingInInbox().length === 0, 'the inbox to empty', 120_000, 200);
  // Let the last file's memo and mail settle before stopping.
  await sleep(500);
  // SIGTERM (what a service manager sends) must stop it as cleanly as Ctrl-C.
  last.child.kill('SIGTERM');
  expect(await last.exited).toEqual({ code: 0, signal: null });
  const run = await runCli(['status', '--json', '--out', outDir]);
  statuses = (JSON.parse(run.stdout) as { submissions: StatusEntry[] }).submissions;
}, 400_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('watch killed with SIGKILL and restarted', () => {
  it('was really killed mid-batch several times: by SIGKILL, with work left unfinished each time', () => {
    expect(kills).toHaveLength(killPoints.length);
    const distinct = new Set(inputs.map(([source]) => sha256(readFileSync(join(repoRoot, 'fixtures', source))))).size;
    for (const kill of kills) {
      // The process did not end on its own: the signal is in its exit event.
      expect({ point: kill.point, ...kill.exit }).toEqual({ point: kill.point, code: null, signal: 'SIGKILL' });
      const unfinished = kill.waiting > 0 || kill.doneInStore < distinct;
      expect({ point: kill.point, unfinished }).toEqual({ point: kill.point, unfinished: true });
    }
    // The killed runs did take the batch forward (files moved out of the inbox), so the restarts resumed real work.
    expect(kills.at(-1)!.waiting).toBeLessThan(inputs.length);
  });

  it('holds each distinct submission once in the store, every one finished', () => {
    const distinct = new Set(inputs.map(([source]) => sha256(readFileSync(join(repoRoot, 'fixtures', source)))));
    expect(new Set(statuses.map((entry) => entry.sha256))).toEqual(distinct);
    expect(statuses).toHaveLength(distinct.size);
    expect(statuses.filter((entry) => entry.stage !== 'done')).toEqual([]);
    expect(statuses.filter((entry) => entry.state === 'received')).toEqual([]);
  });

  it('notes the one duplicate once, however often the run was interrupted around it', () => {
    expect(statuses.reduce((sum, entry) => sum + entry.duplicates, 0)).toBe(1);
  });

  it('moved every original out of the inbox exactly once, byte for byte', () => {
    const moved = ['processed', 'rejected'].flatMap((folder) =>
      existsSync(join(inbox, folder))
        ? readdirSync(join(inbox, folder))
            .filter((name) => !name.endsWith('.reason.txt'))
            .map((name) => sha256(readFileSync(join(inbox, folder, name))))
        : [],
    );
    const originals = inputs.map(([source]) => sha256(readFileSync(join(repoRoot, 'fixtures', source))));
    expect(moved.sort()).toEqual(originals.sort());
    expect(waitingInInbox()).toEqual([]);
  });

  it('archives every original under its own sha256', () => {
    const archived = readdirSync(join(outDir, 'archive'));
    expect(archived.filter((name) => name.startsWith('.'))).toEqual([]);
    for (const name of archived) {
      expect(sha256(readFileSync(join(outDir, 'archive', name)))).toBe(name.split('.')[0]);
    }
    expect(new Set(archived.map((name) => name.split('.')[0]))).toEqual(new Set(statuses.map((entry) => entry.sha256)));
  });

  it('wrote one memo (md, html, docx) per submission and no leftovers', () => {
    const memos = readdirSync(join(outDir, 'memos'));
    expect(memos.filter((name) => name.startsWith('.'))).toEqual([]);
    for (const extension of ['.md', '.html', '.docx']) {
      expect(memos.filter((name) => name.endsWith(extension))).toHaveLength(statuses.length);
    }
  });

  it('put at most one message per submission in the outbox, one for every unit that had to be told', () => {
    const outbox = readdirSync(join(outDir, 'outbox')).filter((name) => name.endsWith('.eml'));
    for (const entry of statuses) {
      const mails = outbox.filter((name) => name.includes(entry.sha256.slice(0, 8)));
      expect({ file: entry.fileName, mails: mails.length }).toEqual({
        file: entry.fileName,
        mails: entry.mail === 'outbox' ? 1 : 0,
      });
    }
    expect(outbox.length).toBeGreaterThan(0);
    const told = statuses.filter((entry) => entry.state !== 'superseded' && entry.mail === 'outbox');
    expect(told.length).toBeGreaterThan(0);
  });

  it('logged each submission as checked at most once across all the runs', () => {
    const events = readFileSync(join(outDir, 'review-desk.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event?: string; sha256?: string })
      .filter((record) => record.event === 'file-checked');
    for (const entry of statuses) {
      expect(events.filter((event) => event.sha256 === entry.sha256).length).toBeLessThanOrEqual(1);
    }
  });
});
