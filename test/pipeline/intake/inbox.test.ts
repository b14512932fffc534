/** Moving handled files out of the inbox: never overwriting, suffixing clashes, and safe to repeat after a crash. */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freeDestination, moveWithoutOverwrite, writeReason } from '../../../pipeline/intake/inbox.js';

let inbox: string;

beforeEach(() => {
  inbox = mkdtempSync(join(tmpdir(), 'inbox-'));
});

afterEach(() => rmSync(inbox, { recursive: true, force: true }));

describe('inbox moves', () => {
  it('picks the plain name first, then numbered names, skipping names a reason note holds', async () => {
    expect(await freeDestination(inbox, 'processed', '平等乡.docx')).toBe(join(inbox, 'processed', '平等乡.docx'));
    writeFileSync(join(inbox, 'processed', '平等乡.docx'), 'a');
    expect(await freeDestination(inbox, 'processed', '平等乡.docx')).toBe(join(inbox, 'processed', '平等乡 (2).docx'));
    mkdirSync(join(inbox, 'rejected'));
    writeFileSync(join(inbox, 'rejected', 'x.pdf.reason.txt'), 'r');
    expect(await freeDestination(inbox, 'rejected', 'x.pdf')).toBe(join(inbox, 'rejected', 'x (2).pdf'));
  });

  it('moves a file and refuses to replace a different file at the destination', async () => {
    const source = join(inbox, 'a.docx');
    writeFileSync(source, 'new');
    mkdirSync(join(inbox, 'processed'));
    const taken = join(inbox, 'processed', 'a.docx');
    writeFileSync(taken, 'old');
    expect(await moveWithoutOverwrite(source, taken)).toBe('destination-taken');
    expect(readFileSync(taken, 'utf8')).toBe('old');
    expect(readFileSync(source, 'utf8')).toBe('new');
    const free = join(inbox, 'processed', 'a (2).docx');
    expect(await moveWithoutOverwrite(source, free)).toBe('moved');
    expect(existsSync(source)).toBe(false);
    expect(readFileSync(free, 'utf8')).toBe('new');
  });

  it('finishes a move a crash interrupted between linking and unlinking', async () => {
    const source = join(inbox, 'b.docx');
    writeFileSync(source, 'bytes');
    mkdirSync(join(inbox, 'processed'));
    const destination = join(inbox, 'processed', 'b.docx');
    linkSync(source, destination);
    expect(await moveWithoutOverwrite(source, destination)).toBe('moved');
    expect(existsSync(source)).toBe(false);
    expect(await moveWithoutOverwrite(source, destination)).toBe('already-moved');
  });

  it('says so when the source has gone and nothing is at the destination', async () => {
    expect(await moveWithoutOverwrite(join(inbox, 'gone.docx'), join(inbox, 'processed-gone.docx'))).toBe(
      'source-missing',
    );
  });

  it('writes the reason note beside the rejected file', async () => {
    const destination = join(inbox, 'rejected', 'c.docx');
    mkdirSync(join(inbox, 'rejected'));
    await writeReason(destination, ['文件：c.docx', '退回原因：文件为空']);
    expect(readFileSync(`${destination}.reason.txt`, 'utf8')).toBe('文件：c.docx\n退回原因：文件为空\n');
  });
});
