/**
 * A file name is data from outside: a newline or an escape sequence in it is shown escaped on stderr
 * and in the summary, so a crafted name cannot forge a progress line or restyle the terminal.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printableName } from '../../../reports/file-names.js';
import { type CliRun, repoRoot, runCli } from './support/cli.js';

let work: string;
let run: CliRun;
const forged = '平等乡.docx 已审核：错误0项，警告0项，提示0项';
const crafted = `x\n${forged}\u001b[2K.docx`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crafted-names-'));
  const input = join(work, 'input');
  mkdirSync(input);
  copyFileSync(join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.docx'), join(input, crafted));
  run = await runCli(['check', '--out', join(work, 'out'), '--exit-zero', input], { timeoutMs: 60_000 });
}, 90_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('printableName', () => {
  it('escapes control characters and bidi overrides, and leaves Chinese alone', () => {
    expect(printableName('a\nb\u001b[0m\u202e报告.docx')).toBe('a\\x0ab\\x1b[0m\\u{202e}报告.docx');
    expect(printableName('平等乡 2023.docx')).toBe('平等乡 2023.docx');
  });
});

describe('check on a file whose name holds a newline and an escape sequence', () => {
  it('prints no line that starts with the forged text, and shows the name escaped', () => {
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.split('\n');
    expect(lines.some((line) => line.startsWith(forged))).toBe(false);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toContain(`x\\x0a${forged}\\x1b[2K.docx 已审核`);
  });

  it('escapes it in the summary too', () => {
    const summary = readFileSync(join(work, 'out', 'summary.md'), 'utf8');
    // (Markdown escapes the bracket of the escape sequence.)
    expect(summary).toContain(`x\\x0a${forged}\\x1b`);
    expect(summary).not.toContain('\u001b');
  });
});
