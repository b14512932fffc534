/**
 * `review-desk check --json` end to end, through the built CLI: one run over every fixture folder
 * feeds most assertions (SPEC §3 JSON, the bad-input manifest, the discrepancy manifest, the clean
 * samples, the output folder); small separate runs cover exit codes and very large output. The usage
 * errors (exit 2) stop before any file is read, so they call the CLI's `main` in process: the same
 * commander setup and error handling, without a Node start-up each.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitKey } from '../../../extractors/text/unit-key.js';
import { type CheckOutput, type CheckResult, checkOutputSchema } from '../../../reports/result-schema.js';
import { type CliRun, repoRoot, runCli, runMain } from './support/cli.js';

interface BadEntry {
  file: string;
  expectedStatus: 'checked' | 'rejected';
  expectedCode: string | null;
}
interface DiscrepancyEntry {
  file: string;
  ruleId: string;
}

const folders = ['fixtures/samples', 'fixtures/bad', 'fixtures/discrepancies'];
const badManifest = JSON.parse(readFileSync(join(repoRoot, 'fixtures/bad/manifest.json'), 'utf8')) as BadEntry[];
const discrepancyManifest = JSON.parse(
  readFileSync(join(repoRoot, 'fixtures/discrepancies/manifest.json'), 'utf8'),
) as DiscrepancyEntry[];

function fingerprint(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(repoRoot, folder), { recursive: true }) as string[]) {
    const path = join(repoRoot, folder, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    out[join(folder, name)] = `${createHash('sha256').update(bytes).digest('hex')}@${statSync(path).mtimeMs}`;
  }
  return out;
}

let work: string;
let outDir: string;
let run: CliRun;
let output: CheckOutput;
let before: Record<string, string>;

function resultFor(folder: string, file: string): CheckResult {
  const result = output.results.find((entry) => entry.file === `${folder}/${file}`);
  if (!result) throw new Error(`no result for ${folder}/${file}`);
  return result;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'check-json-'));
  outDir = join(work, 'out');
  before = Object.assign({}, ...folders.map(fingerprint));
  run = await runCli(['check', '--json', '--out', outDir, ...folders], { timeoutMs: 240_000 });
  output = checkOutputSchema.parse(JSON.parse(run.stdout));
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const emptyDocx = join(repoRoot, 'fixtures/bad/empty.docx');

describe('check --json over the fixtures', () => {
  it('prints SPEC §3 JSON with one result per file and exits 1 because some files are rejected', () => {
    const files = folders.flatMap((folder) =>
      readdirSync(join(repoRoot, folder)).filter((name) => !name.startsWith('.') && !name.endsWith('.json')),
    );
    expect(output.results).toHaveLength(files.length);
    expect(output.summary.files).toBe(files.length);
    expect(output.summary.rejected).toBeGreaterThan(0);
    expect(run.code).toBe(1);
  });

  it('keeps stdout for the JSON alone and reports progress on stderr', () => {
    expect(run.stdout.trimStart().startsWith('{')).toBe(true);
    expect(run.stderr).toMatch(/已审核|已退回/);
  });

  it('gives every bad input the status and code its manifest expects, without stopping the others', () => {
    for (const entry of badManifest) {
      const result = resultFor('fixtures/bad', entry.file);
      expect({ file: entry.file, status: result.status, code: result.error?.code ?? null }).toEqual({
        file: entry.file,
        status: entry.expectedStatus,
        code: entry.expectedCode,
      });
      if (result.status === 'rejected') {
        expect(result.report).toBeNull();
        expect(result.findings).toEqual([]);
        expect(result.error?.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('skips the manifest.json data files that sit beside the submissions', () => {
    expect(output.results.some((entry) => entry.file.endsWith('manifest.json'))).toBe(false);
  });

  it('reports the rule id each discrepancy variant was built to trigger', () => {
    for (const entry of discrepancyManifest) {
      const result = resultFor('fixtures/discrepancies', entry.file);
      expect({ file: entry.file, status: result.status }).toEqual({ file: entry.file, status: 'checked' });
      expect({ file: entry.file, rules: result.findings.map((finding) => finding.ruleId) }).toEqual({
        file: entry.file,
        rules: expect.arrayContaining([entry.ruleId]),
      });
    }
  });

  it('reports no error or warning on the clean samples (all but the unchanged seed)', () => {
    const samples = readdirSync(join(repoRoot, 'fixtures/samples')).filter((name) => !name.startsWith('pingdeng-'));
    expect(samples.length).toBeGreaterThan(0);
    for (const name of samples) {
      const result = resultFor('fixtures/samples', name);
      const loud = result.findings.filter((finding) => finding.severity !== 'info');
      expect({ name, status: result.status, loud: loud.map((finding) => finding.message) }).toEqual({
        name,
        status: 'checked',
        loud: [],
      });
    }
  });

  it('finds the seed’s two scoring.group-points errors in its DOCX', () => {
    const seed = resultFor('fixtures/samples', 'pingdeng-2023.docx');
    expect(seed.findings.filter((finding) => finding.ruleId === 'scoring.group-points')).toHaveLength(2);
  });

  it('never moves or changes the files it was pointed at', () => {
    expect(Object.assign({}, ...folders.map(fingerprint))).toEqual(before);
  });

  it('writes results.json with exactly what it printed, each result with its memo and supersession keys', () => {
    const saved = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Omit<CheckOutput, 'results'> & {
      results: (CheckResult & Record<string, unknown>)[];
    };
    expect(checkOutputSchema.safeParse(saved).success).toBe(true);
    expect(saved.results).toHaveLength(output.results.length);
    expect(saved.summary).toEqual(output.summary);
    for (const [index, result] of saved.results.entries()) {
      const { memo, supersedes, superseded, supersededBy, receivedAt, ...spec } = result;
      expect(spec).toEqual(output.results[index]);
      expect(receivedAt).toEqual(expect.any(String));
      expect(supersedes === null || typeof supersedes === 'object').toBe(true);
      expect(superseded).toBe(supersededBy !== null);
      for (const path of Object.values(memo as Record<string, string>))
        expect(existsSync(join(outDir, path))).toBe(true);
    }
  });

  it('marks the superseded results in results.json and names the later file that replaced each', () => {
    const saved = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as {
      results: { file: string; sha256: string; report: { unit: string; year: number } | null; supersededBy: unknown }[];
    };
    const superseded = saved.results.filter((result) => result.supersededBy !== null);
    // The fixtures hold several variants of the seed (平等乡, 2023): all but the last one are replaced.
    expect(superseded.length).toBeGreaterThan(0);
    for (const result of superseded) {
      // Each points at a later submission of the same unit and year; following them ends at the current one.
      let current = result;
      for (let step = 0; current.supersededBy !== null && step < saved.results.length; step++) {
        const by = current.supersededBy as { sha256: string; file: string };
        const later = saved.results.find((candidate) => candidate.sha256 === by.sha256 && candidate.file === by.file);
        expect(unitKey(later?.report?.unit ?? '')).toBe(unitKey(result.report?.unit ?? ''));
        current = later!;
      }
      expect(current.supersededBy).toBeNull();
    }
  });

  it('writes a memo for each submission, the summary, the log and a byte-exact archive', () => {
    const memos = readdirSync(join(outDir, 'memos'));
    expect(memos.filter((name) => name.endsWith('.docx')).length).toBe(
      new Set(output.results.map((r) => r.sha256)).size,
    );
    for (const name of ['summary.xlsx', 'summary.md', 'review-desk.log', 'review-desk.sqlite']) {
      expect(existsSync(join(outDir, name))).toBe(true);
    }
    for (const name of readdirSync(join(outDir, 'archive'))) {
      const bytes = readFileSync(join(outDir, 'archive', name));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(name.split('.')[0]);
    }
  });
});

describe('check exit codes', () => {
  it('exits 0 when every file is checked with no error finding', async () => {
    const clean = readdirSync(join(repoRoot, 'fixtures/samples')).find((name) => name.startsWith('xinlin-'))!;
    const result = await runCli(['check', '--json', join('fixtures/samples', clean)]);
    expect(checkOutputSchema.parse(JSON.parse(result.stdout)).results[0]?.status).toBe('checked');
    expect(result.code).toBe(0);
  });

  it('exits 0 with --exit-zero even when files are rejected, as npm start wants', async () => {
    const result = await runCli(['check', '--exit-zero', 'fixtures/bad/empty.docx']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已退回');
  });

  it('exits 2 with a Chinese message when no PATH is given', async () => {
    const result = await runMain(['check', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('请指定要审核的文件或文件夹');
    expect(result.stdout).toBe('');
  });

  it('exits 2 with the config error naming the key for a bad config', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bad-config-'));
    try {
      const config = join(folder, 'review-desk.config.json');
      writeFileSync(config, JSON.stringify({ rules: { 'welfare.per-capita': 'fatal' } }));
      const result = await runMain(['check', '--json', '--config', config, emptyDocx]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('rules.welfare.per-capita');
      expect(result.stdout).toBe('');
      writeFileSync(config, JSON.stringify({ rules: { 'no.such-rule': 'off' } }));
      const unknown = await runMain(['check', '--config', config, emptyDocx]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no.such-rule');
      writeFileSync(config, JSON.stringify({ limits: { timeoutMs: -1 } }));
      const limits = await runMain(['check', '--config', config, emptyDocx]);
      expect(limits.code).toBe(2);
      expect(limits.stderr).toContain('limits.timeoutMs');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits 2 for a path that does not exist, an unknown option, or --mail without contacts', async () => {
    const missing = await runMain(['check', join(repoRoot, 'no/such/folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件或文件夹');
    const option = await runMain(['check', '--frobnicate', join(repoRoot, 'fixtures/bad')]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('未知选项');
    const mail = await runMain([
      'check',
      '--mail',
      '--out',
      join(tmpdir(), 'unused-out'),
      join(repoRoot, 'fixtures/bad'),
    ]);
    expect(mail.code).toBe(2);
    expect(mail.stderr).toContain('--contacts');
  });

  it('exits 2 when the output folder cannot be used', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'not-a-folder-'));
    try {
      const file = join(folder, 'plain-file');
      writeFileSync(file, 'x');
      const run = await runMain(['check', '--out', join(file, 'out'), emptyDocx]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('无法使用输出文件夹');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('check --json with output larger than a pipe buffer', () => {
  it('prints complete, valid JSON for hundreds of files (well over 64 KB)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'many-'));
    try {
      mkdirSync(join(folder, 'in'));
      for (let i = 0; i < 300; i++)
        writeFileSync(join(folder, 'in', `note-${String(i).padStart(3, '0')}.txt`), `第${i}号`);
      const result = await runCli(['check', '--json', '--jobs', '2', join(folder, 'in')], { timeoutMs: 120_000 });
      expect(result.code).toBe(1);
      expect(Buffer.byteLength(result.stdout)).toBeGreaterThan(64 * 1024);
      const parsed = checkOutputSchema.parse(JSON.parse(result.stdout));
      expect(parsed.results).toHaveLength(300);
      expect(parsed.results.map((entry) => basename(entry.file))).toEqual(
        Array.from({ length: 300 }, (_, i) => `note-${String(i).padStart(3, '0')}.txt`),
      );
      expect(parsed.results.every((entry) => entry.error?.code === 'unsupported-format')).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
