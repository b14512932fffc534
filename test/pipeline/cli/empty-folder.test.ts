/** `check` on a folder with nothing to check says so on stderr, and `--json` still prints valid JSON. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputSchema } from '../../../reports/result-schema.js';
import { runCli } from './support/cli.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'empty-folder-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('check on a folder without submissions', () => {
  it('prints 未找到可审核的文件 and an empty JSON result with --json', async () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    const run = await runCli(['check', '--json', empty]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('未找到可审核的文件\n');
    const output = checkOutputSchema.parse(JSON.parse(run.stdout));
    expect(output.results).toEqual([]);
    expect(output.summary.files).toBe(0);
  });

  it('says the same when the folder holds only data files and hidden files', async () => {
    const data = mkdtempSync(join(work, 'data-'));
    writeFileSync(join(data, 'manifest.json'), '{}');
    writeFileSync(join(data, '.DS_Store'), 'x');
    const run = await runCli(['check', data]);
    expect(run.stderr).toContain('未找到可审核的文件');
    expect(run.stdout).toContain('共0个文件');
  });
});
