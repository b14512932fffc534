/**
 * A folder walk never leaves the folder it was given: a symlinked folder is not entered, a link to a
 * file outside is not read, and each skipped link is named with its reason. Names that are not UTF-8
 * (GBK, as Windows unzip writes them) are found and read by their exact bytes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { fsPath } from '../../../pipeline/intake/byte-paths.js';
import { collectFiles, type SkippedEntry } from '../../../pipeline/intake/collect-files.js';
import { readIntakeFile } from '../../../pipeline/intake/intake.js';

let work: string;
let input: string;
let outside: string;
/** 报送.docx in GBK: b1 a8 cb cd, then .docx. */
const gbkName = Buffer.concat([Buffer.from([0xb1, 0xa8, 0xcb, 0xcd]), Buffer.from('.docx')]);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'symlinks-'));
  input = join(work, 'input');
  outside = join(work, 'outside');
  mkdirSync(join(input, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.docx'), 'outside');
  writeFileSync(join(input, 'a.docx'), 'inside');
  symlinkSync(join(input, 'a.docx'), join(input, 'sub', 'inside-link.docx'));
  symlinkSync(join(outside, 'secret.docx'), join(input, 'outside-link.docx'));
  symlinkSync(outside, join(input, 'outside-folder'));
  symlinkSync(join(input, 'sub'), join(input, 'sub', 'loop-folder'));
  symlinkSync(join(input, 'self.docx'), join(input, 'self.docx'));
  symlinkSync('/dev/null', join(input, 'device.docx'));
  writeFileSync(Buffer.concat([Buffer.from(`${input}/`), gbkName]), 'gbk bytes');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('collectFiles and symbolic links', () => {
  it('reads a link only when it leads to a regular file inside the folder, and names every other link', async () => {
    const skipped: SkippedEntry[] = [];
    const files = await collectFiles([input], skipped);
    const relative = (path: string): string => path.slice(input.length + 1);
    expect(files.map(relative)).toEqual([
      'a.docx',
      'sub/inside-link.docx',
      '\uFFFD\uFFFD\uFFFD\uFFFD.docx[hex:b1a8cbcd2e646f6378]',
    ]);
    expect(skipped.map((entry) => [relative(entry.path), entry.reason])).toEqual([
      ['device.docx', '快捷方式（符号链接）指向的不是普通文件'],
      ['outside-folder', '快捷方式（符号链接）指向文件夹，不进入其中'],
      ['outside-link.docx', '快捷方式（符号链接）指向所审核文件夹之外的文件，未读取'],
      ['self.docx', '快捷方式（符号链接）循环指向自身，未读取'],
      ['sub/loop-folder', '快捷方式（符号链接）指向文件夹，不进入其中'],
    ]);
  });
});

describe('a name that is not UTF-8', () => {
  it('is shown lossily with its bytes in hex, and read by its exact bytes', async () => {
    const files = await collectFiles([input]);
    const gbk = files.find((file) => file.includes('[hex:'))!;
    expect(Buffer.isBuffer(fsPath(gbk))).toBe(true);
    const file = await readIntakeFile(gbk, defaultReadLimits);
    expect(file.bytes?.toString()).toBe('gbk bytes');
    expect(readFileSync(fsPath(gbk)).toString()).toBe('gbk bytes');
  });
});
