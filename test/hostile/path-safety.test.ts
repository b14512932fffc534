/**
 * Names that come from documents never become paths: submissions whose unit name (which names the
 * memo files) climbs folders, uses backslashes or device names, runs past the file-name length limit,
 * or holds characters file systems refuse. `check --out` must write only inside the out folder, leave
 * the submissions untouched, and give every file a result.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceInDocx } from '../../fixtures/hostile/make-hostile.js';
import { type CheckOutput, checkOutputSchema } from '../../reports/result-schema.js';
import { type ChildRun, checkJson, root, tempFolder } from './cli-run.js';

const seed = readFileSync(join(root, 'fixtures/samples/pingdeng-2023.docx'));
const unitOf = (name: string) => replaceInDocx(seed, '平等乡人民政府部门整体', `${name}部门整体`);

const submissions: Record<string, Buffer> = {
  'escape-slash.docx': readFileSync(join(root, 'fixtures/hostile/files/seed-unit-path-escape.docx')),
  'escape-absolute.docx': unitOf('/tmp/review-desk-逃逸/平等乡人民政府'),
  'escape-backslash.docx': unitOf('..\\..\\..\\CON\\平等乡人民政府'),
  'escape-full-width.docx': unitOf('．．／．．／平等乡人民政府'),
  'only-dots.docx': unitOf('..'),
  'long-name.docx': unitOf(`${'很'.repeat(150)}长乡人民政府`),
  'reserved-characters.docx': unitOf('平等乡:*?"<>|人民政府'),
  'plain.docx': seed,
};

function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

describe('names from documents used as file names', () => {
  const work = tempFolder('path-safety');
  const inbox = join(work.path, 'submissions');
  const out = join(work.path, 'nested/out');
  let run: ChildRun;
  let output: CheckOutput;

  beforeAll(async () => {
    rmSync('/tmp/逃逸', { recursive: true, force: true });
    rmSync('/tmp/review-desk-逃逸', { recursive: true, force: true });
    mkdirSync(inbox);
    for (const [name, bytes] of Object.entries(submissions)) writeFileSync(join(inbox, name), bytes);
    run = await checkJson([inbox], { timeoutMs: 120_000, extra: ['--out', out] });
    output = checkOutputSchema.parse(JSON.parse(run.stdout));
  }, 130_000);

  afterAll(() => work.remove());

  it('gives every submission a result', () => {
    expect([0, 1], run.stderr.slice(-1500)).toContain(run.code);
    expect(output.results.map((result) => result.file.slice(result.file.lastIndexOf('/') + 1)).sort()).toEqual(
      Object.keys(submissions).sort(),
    );
  });

  it('writes nothing outside the out folder', () => {
    expect(existsSync('/tmp/逃逸')).toBe(false);
    expect(existsSync('/tmp/review-desk-逃逸')).toBe(false);
    expect(readdirSync(work.path).sort()).toEqual(['nested', 'submissions']);
    expect(readdirSync(join(work.path, 'nested'))).toEqual(['out']);
  });

  it('leaves the submissions exactly as they were', () => {
    expect(readdirSync(inbox).sort()).toEqual(Object.keys(submissions).sort());
    for (const [name, bytes] of Object.entries(submissions)) {
      expect(Buffer.compare(readFileSync(join(inbox, name)), bytes), name).toBe(0);
    }
  });

  it('names every memo with a plain, short file name directly in out/memos', () => {
    const memos = join(out, 'memos');
    const files = filesUnder(memos);
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(submissions).length);
    for (const file of files) {
      const name = relative(memos, file);
      expect(name, file).not.toMatch(/[/\\:*?"<>|\u0000-\u001f]/);
      expect(name.startsWith('.'), file).toBe(false);
      expect(Buffer.byteLength(name), file).toBeLessThanOrEqual(255);
    }
  });
});
