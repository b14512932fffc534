/** Which files `check` takes from a folder: everything but hidden, lock and temporary files, in a stable order. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles, MissingPathError, type SkippedEntry } from '../../../pipeline/intake/collect-files.js';
import { isIgnoredName } from '../../../pipeline/intake/ignore-rules.js';

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'collect-'));
  mkdirSync(join(folder, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(folder, '.hidden-folder'));
  for (const name of [
    'b.docx',
    'a.pdf',
    'photo.png',
    'notes.json',
    '~$b.docx',
    '.DS_Store',
    'download.crdownload',
    'save.tmp',
    'x.docx.reason.txt',
    'sub/c.docx',
    'sub/deeper/d.pdf',
    '.hidden-folder/e.docx',
  ]) {
    writeFileSync(join(folder, name), 'x');
  }
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('collectFiles', () => {
  it('walks folders recursively in code-point order and keeps every candidate, even a .png, but not data files such as .json', async () => {
    const files = await collectFiles([folder]);
    expect(files.map((file) => file.slice(folder.length + 1))).toEqual([
      'a.pdf',
      'b.docx',
      'photo.png',
      'sub/c.docx',
      'sub/deeper/d.pdf',
    ]);
  });

  it('checks a data file when it is named directly', async () => {
    const notes = join(folder, 'notes.json');
    expect(await collectFiles([notes])).toEqual([notes]);
  });

  it('keeps files named directly, in argument order, once each', async () => {
    const b = join(folder, 'b.docx');
    const a = join(folder, 'a.pdf');
    expect(await collectFiles([b, a, b])).toEqual([b, a]);
  });

  it('throws a Chinese error for a path that does not exist', async () => {
    await expect(collectFiles([join(folder, 'missing.docx')])).rejects.toThrow(MissingPathError);
    await expect(collectFiles([join(folder, 'missing.docx')])).rejects.toThrow(/找不到文件或文件夹/);
  });
});

describe('isIgnoredName', () => {
  it.each([
    ['~$报告.docx', true],
    ['.~lock.报告.docx#', true],
    ['报告.docx.part', true],
    ['报告.DOCX.TMP', true],
    ['报告.docx', false],
    ['scan.png', false],
  ])('%s → %s', (name, ignored) => {
    expect(isIgnoredName(name)).toBe(ignored);
  });
});

describe('inboxIgnore', () => {
  it('ignores our own sub-folders, an output folder inside the inbox and lock files, but not the inbox or its files', async () => {
    const { inboxIgnore } = await import('../../../pipeline/cli/command-watch.js');
    const inbox = join(folder, 'inbox');
    const ignore = inboxIgnore(inbox, join(inbox, 'out'));
    expect(ignore(inbox)).toBe(false);
    expect(ignore(join(inbox, '平等乡.docx'))).toBe(false);
    expect(ignore(join(inbox, 'sub', '平等乡.pdf'))).toBe(false);
    expect(ignore(join(inbox, 'processed'))).toBe(true);
    expect(ignore(join(inbox, 'rejected', 'x.docx'))).toBe(true);
    expect(ignore(join(inbox, 'out', 'memos', 'x.md'))).toBe(true);
    expect(ignore(join(inbox, '~$平等乡.docx'))).toBe(true);
    expect(ignore(join(inbox, 'processed-notes.docx'))).toBe(false);
  });
});

describe('what a folder holds that cannot be read as a file', () => {
  it('is skipped and named with a reason: a FIFO, a link to nothing', async () => {
    const holder = mkdtempSync(join(tmpdir(), 'collect-special-'));
    try {
      writeFileSync(join(holder, 'a.docx'), 'x');
      execFileSync('mkfifo', [join(holder, 'pipe.docx')]);
      symlinkSync(join(holder, 'gone.docx'), join(holder, 'link.docx'));
      const skipped: SkippedEntry[] = [];
      expect(await collectFiles([holder], skipped)).toEqual([join(holder, 'a.docx')]);
      expect(skipped).toEqual([
        { path: join(holder, 'link.docx'), reason: '快捷方式（符号链接）指向的文件不存在' },
        { path: join(holder, 'pipe.docx'), reason: '不是普通文件' },
      ]);
    } finally {
      rmSync(holder, { recursive: true, force: true });
    }
  });
});
