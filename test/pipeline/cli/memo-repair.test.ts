/**
 * Memo files are written without an fsync (they derive from the stored result), so after a power cut
 * the last ones may be empty or gone. The next run renders them again from the store.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'memo-repair-'));
const outDir = join(work, 'out');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a memo left empty or missing by a power cut', () => {
  it('is rendered again from the stored result on the next run, as it was', async () => {
    const first = await runCli(['check', 'fixtures/samples/pingdeng-2023.docx', '--out', outDir, '--exit-zero']);
    expect(first.code, first.stderr).toBe(0);
    const memo = (extension: string) => join(outDir, 'memos', `平等乡人民政府-2023.${extension}`);
    const markdown = readFileSync(memo('md'), 'utf8');
    const html = readFileSync(memo('html'), 'utf8');
    truncateSync(memo('md'), 0);
    unlinkSync(memo('docx'));

    const next = await runCli(['check', 'fixtures/samples/jinhe-2023.docx', '--out', outDir, '--exit-zero']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain('审核意见「平等乡人民政府-2023」缺失或为空，已按保存的审核结果重新生成');
    expect(readFileSync(memo('md'), 'utf8')).toBe(markdown);
    expect(readFileSync(memo('html'), 'utf8')).toBe(html);
    expect(statSync(memo('docx')).size).toBeGreaterThan(1000);
    // The intact memo of the second run is not touched again.
    expect(next.stderr).not.toContain('金河乡人民政府-2023」缺失');
  }, 60_000);
});
