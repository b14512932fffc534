/**
 * Progress of a batch: a listr2 progress bar when stderr is a terminal, plain lines (no escape codes,
 * no redrawing) when it is a pipe or a file — what CI, logs and `2> file` get.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../pipeline/support/logger.js';
import { capturedStream } from '../../support/captured-stream.js';
import { cliPath, repoRoot, runCli } from './support/cli.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'progress-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('progress when stderr is not a terminal', () => {
  it('writes only the plain lines through the logger, no bar', async () => {
    const { stream, text } = capturedStream();
    const logger = createLogger({ stderr: stream });
    logger.progress(1, 2, 'a.docx');
    logger.info('file-checked', {}, 'a.docx 已审核：错误0项，警告0项，提示0项');
    logger.progress(2, 2, 'b.docx');
    logger.warn('something', {}, '提醒');
    await logger.close();
    expect(text()).toBe('a.docx 已审核：错误0项，警告0项，提示0项\n提醒\n');
  });

  it('gives check one plain line per file on a pipe', async () => {
    const run = await runCli(['check', 'fixtures/samples/jinhe-2023.docx', 'fixtures/bad/empty.docx']);
    expect(run.stderr).not.toContain('\x1b');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('progress when stderr is a terminal', () => {
  it('draws a bar with the count and ends with the number of files handled', () => {
    const typescript = join(work, 'tty.out');
    const json = join(work, 'out.json');
    const files = ['fixtures/samples/jinhe-2023.docx', 'fixtures/samples/baiyang-2023.docx', 'fixtures/bad/empty.docx'];
    // `script` gives the command a pseudo-terminal (sized by stty); stdout goes to a file, as with `check --json > x`.
    const command = `stty cols 120 rows 40; node ${cliPath} check --json ${files.join(' ')} > ${json}`;
    execFileSync('script', ['-qfc', command, typescript], { cwd: repoRoot, stdio: 'ignore', timeout: 60_000 });
    const screen = readFileSync(typescript, 'utf8');
    expect(screen).toMatch(/[█░]{20} \d+% \[\d\/3\]/);
    expect(screen).toContain('█'.repeat(20) + ' 100% [3/3]');
    expect(screen).toContain('已处理3个文件');
    const output = JSON.parse(readFileSync(json, 'utf8')) as { results: unknown[] };
    expect(output.results).toHaveLength(3);
  });
});
