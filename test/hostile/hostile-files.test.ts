/**
 * The committed hostile files (fixtures/hostile/files) through the real CLI in one batch: each ends
 * `checked` or `rejected` with an allowed code and a Chinese message, the batch ends in bounded time
 * and memory, and no trick reaches the file system.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planned, zipSlipMarker } from '../../fixtures/hostile/make-hostile.js';
import { readHostileManifest } from '../../fixtures/hostile/manifest.js';
import { type CheckOutput, checkOutputSchema } from '../../reports/result-schema.js';
import { type ChildRun, checkJson, chinese, MB, root, tempFolder } from './cli-run.js';

const folder = join(root, 'fixtures/hostile/files');
const manifest = readHostileManifest(folder);
const embeddedEscape = '/tmp/review-desk-embedded-escape.txt';

describe('the hostile-file generator', () => {
  it('lists every committed file in the manifest, and every manifest entry exists', () => {
    const files = readdirSync(folder).filter((name) => name !== 'manifest.json');
    expect(files.sort()).toEqual(manifest.map((entry) => entry.file).sort());
  });

  it('makes byte-for-byte the committed self-contained files (the script is their source)', async () => {
    for (const entry of planned()) {
      const bytes = await entry.bytes();
      expect(Buffer.compare(bytes, readFileSync(join(folder, entry.file))), entry.file).toBe(0);
    }
  });

  it('keeps the bombs small on disk and huge inflated', () => {
    expect(readFileSync(join(folder, 'zip-bomb.docx')).length).toBeLessThan(300 * 1024);
    const central = readFileSync(join(folder, 'zip-bomb.docx'));
    // The declared uncompressed size of word/document.xml in the central directory: > 256 MiB.
    const at = central.lastIndexOf(Buffer.from('word/document.xml')) - 46;
    expect(central.readUInt32LE(at)).toBe(0x02014b50);
    expect(central.readUInt32LE(at + 24)).toBeGreaterThan(256 * MB);
  });
});

describe('hostile files through `review-desk check --json`', () => {
  const work = tempFolder('hostile-files');
  let run: ChildRun;
  let output: CheckOutput;

  beforeAll(async () => {
    rmSync(zipSlipMarker, { force: true });
    rmSync(embeddedEscape, { force: true });
    for (const entry of manifest) copyFileSync(join(folder, entry.file), join(work.path, entry.file));
    run = await checkJson([work.path], { limits: { timeoutMs: 20_000 }, timeoutMs: 150_000 });
    output = checkOutputSchema.parse(JSON.parse(run.stdout));
  }, 160_000);

  afterAll(() => work.remove());

  it('exits 0 or 1 with valid SPEC JSON, well before the hard limit', () => {
    expect(run.timedOut, run.stderr.slice(-2000)).toBe(false);
    expect([0, 1]).toContain(run.code);
    expect(output.results).toHaveLength(manifest.length);
    expect(run.elapsedMs).toBeLessThan(120_000);
  });

  it.each(manifest)('$file ($what) ends $expectedStatus', (entry) => {
    const result = output.results.find((candidate) => candidate.file.endsWith(`/${entry.file}`));
    expect(result, `no result for ${entry.file}`).toBeDefined();
    if (entry.expectedStatus === 'checked') expect(result!.status).toBe('checked');
    if (entry.expectedStatus === 'rejected') expect(result!.status).toBe('rejected');
    if (result!.status === 'rejected') {
      expect(entry.expectedCodes).toContain(result!.error!.code);
      expect(result!.error!.message).toMatch(chinese);
      expect(result!.report).toBeNull();
      expect(result!.findings).toEqual([]);
    } else {
      expect(result!.report).not.toBeNull();
    }
  });

  it('never puts the contents of /etc/passwd into the output (XXE, linked images)', () => {
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    expect(passwd.length).toBeGreaterThan(0);
    expect(run.stdout).not.toContain(passwd);
    expect(run.stdout).not.toContain('root:x:0:0');
  });

  it('writes nothing where a zip entry or an embedded file name points', () => {
    expect(existsSync(zipSlipMarker)).toBe(false);
    expect(existsSync(embeddedEscape)).toBe(false);
  });

  it('keeps the whole process tree under 1 GB while the bombs go through', () => {
    expect(run.peakRssBytes).toBeLessThan(1024 * MB);
  });
});
