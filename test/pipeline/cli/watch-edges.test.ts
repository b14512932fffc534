/**
 * `watch` at the machine's edges, in one watching process: a symlinked folder inside the inbox
 * leading outside is never entered (its files stay where they are), a link to a file outside is not
 * read or moved, a GBK name is checked and moved by its exact bytes, a rejected file with a 250-byte
 * name gets its reason note under a name within 255 bytes, and the archive is readable by its owner only.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, repoRoot } from './support/cli.js';
import { sleep } from './support/wait.js';

let work: string;
let inbox: string;
let outDir: string;
let outside: string;
let watcher: CliProcess;
let exit: { code: number | null; signal: NodeJS.Signals | null } | null;

const seed = join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx');
const gbkName = Buffer.concat([Buffer.from([0xb1, 0xa8, 0xcb, 0xcd]), Buffer.from('.docx')]);
/** 82 CJK characters (246 bytes) and `.pdf`: 250 bytes. */
const longName = `${'长'.repeat(82)}.pdf`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'watch-edges-'));
  inbox = join(work, 'inbox');
  outDir = join(work, 'out');
  outside = join(work, 'outside');
  mkdirSync(inbox);
  mkdirSync(outside);
  copyFileSync(seed, join(outside, '外部.docx'));
  writeFileSync(join(outside, 'secret.pdf'), '%PDF-1.4 not for the inbox');
  symlinkSync(outside, join(inbox, 'linkdir'));
  symlinkSync(join(outside, 'secret.pdf'), join(inbox, 'secret-link.pdf'));
  copyFileSync(seed, Buffer.concat([Buffer.from(`${inbox}/`), gbkName]));
  writeFileSync(join(inbox, longName), 'not a report at all');
  expect(Buffer.byteLength(longName)).toBe(250);
  watcher = new CliProcess(['watch', inbox, '--out', outDir, '--stability-ms', '200', '--jobs', '1'], {
    env: { DEBUG: '' },
  });
  await watcher.waitForLine(/长+\.pdf 已退回/, 60_000);
  await watcher.waitForLine(/\[hex:b1a8cbcd2e646f6378\] 已审核/, 60_000);
  // Give the folder watcher time to report (and the desk to mishandle) anything under the link.
  await sleep(1500);
  watcher.child.kill('SIGINT');
  exit = await Promise.race([watcher.exited, sleep(30_000).then(() => null)]);
}, 120_000);

afterAll(() => {
  if (watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('watch and symbolic links', () => {
  it('leaves the files of a symlinked folder and the target of a file link where they are, unread', () => {
    expect(readdirSync(outside).sort()).toEqual(['secret.pdf', '外部.docx']);
    expect(existsSync(join(inbox, 'secret-link.pdf'))).toBe(true);
    expect(watcher.lines.join('\n')).toContain(
      '已跳过 secret-link.pdf：快捷方式（符号链接）指向收件文件夹之外的文件，未读取',
    );
    // Only the GBK-named seed and the long-named file were archived.
    expect(readdirSync(join(outDir, 'archive')).length).toBe(2);
  });

  it('keeps the archive for its owner only', () => {
    expect(statSync(join(outDir, 'archive')).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(join(outDir, 'archive'))) {
      expect(statSync(join(outDir, 'archive', name)).mode & 0o777).toBe(0o600);
    }
  });
});

describe('watch and file names', () => {
  it('moves a GBK-named file to processed/ under its exact bytes', () => {
    const processed = readdirSync(Buffer.from(join(inbox, 'processed')), { encoding: 'buffer' });
    expect(processed.map((name) => name.toString('hex'))).toEqual([gbkName.toString('hex')]);
  });

  it('rejects a file with a 250-byte name, with a reason note whose name fits in 255 bytes', () => {
    const rejected = readdirSync(join(inbox, 'rejected')).sort();
    expect(rejected).toHaveLength(2);
    expect(rejected).toContain(longName);
    const note = rejected.find((name) => name.endsWith('.reason.txt'))!;
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(255);
    expect(note.startsWith('长'.repeat(20))).toBe(true);
  });

  it('stops cleanly', () => {
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
