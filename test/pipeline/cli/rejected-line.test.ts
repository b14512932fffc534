/** A rejected file's stderr line reads the same with and without an output folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'rejected-line-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the stderr line of a rejected file', () => {
  it('says 已退回：<reason> both from check and from check --out', async () => {
    const line = 'fixtures/bad/empty.docx 已退回：文件为空（没有任何内容），请重新报送。';
    const plain = await runCli(['check', 'fixtures/bad/empty.docx']);
    const withOut = await runCli(['check', 'fixtures/bad/empty.docx', '--out', join(work, 'out')]);
    expect(plain.code).toBe(1);
    expect(withOut.code).toBe(1);
    expect(plain.stderr.split('\n')).toContain(line);
    expect(withOut.stderr.split('\n')).toContain(line);
  }, 60_000);
});
