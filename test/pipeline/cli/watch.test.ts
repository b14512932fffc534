/**
 * `review-desk watch` through the built CLI, one watching process for the whole file: files already
 * there at start, a file written slowly, a corrupt file among good ones, a duplicate, a resubmission,
 * fifty files at once, lock files left alone, a photo read by OCR with its page counted in the log, and a
 * clean stop on SIGINT.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { varyDocx } from '../../../bench/vary-docx.js';
import { seededRandom } from '../../../fixtures/hostile/seeded-random.js';
import { CliProcess, repoRoot, runCli } from './support/cli.js';
import { sleep, waitFor } from './support/wait.js';

interface StatusEntry {
  sha256: string;
  fileName: string;
  unit: string | null;
  state: string;
  stage: string;
  duplicates: number;
  supersedes: string | null;
  supersededBy: string | null;
}

let work: string;
let inbox: string;
let outDir: string;
let watcher: CliProcess;

const fixture = (path: string): string => join(repoRoot, 'fixtures', path);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const listing = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder).sort() : []);

async function status(): Promise<StatusEntry[]> {
  const run = await runCli(['status', '--json', '--out', outDir]);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { submissions: StatusEntry[] }).submissions;
}

function processedOrRejected(name: string): string | null {
  if (existsSync(join(inbox, 'processed', name))) return 'processed';
  if (existsSync(join(inbox, 'rejected', name))) return 'rejected';
  return null;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'watch-'));
  inbox = join(work, 'inbox');
  outDir = join(work, 'out');
  mkdirSync(inbox);
  copyFileSync(fixture('bad/empty.docx'), join(inbox, 'already-there.docx'));
  watcher = new CliProcess(['watch', inbox, '--out', outDir, '--stability-ms', '400', '--jobs', '2']);
  await watcher.waitForLine(/正在监视/, 60_000);
}, 90_000);

afterAll(async () => {
  if (watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('watch', () => {
  it('processes what is already in the inbox at start', async () => {
    await waitFor(() => processedOrRejected('already-there.docx'), 'already-there.docx to be moved');
    expect(processedOrRejected('already-there.docx')).toBe('rejected');
    expect(readFileSync(join(inbox, 'rejected', 'already-there.docx.reason.txt'), 'utf8')).toContain('退回原因');
  });

  it('processes a file written slowly in chunks once, after it is complete', async () => {
    const bytes = readFileSync(fixture('samples/pingdeng-2023.docx'));
    const handle = await open(join(inbox, 'slow.docx'), 'w');
    const chunk = Math.ceil(bytes.length / 6);
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      await handle.write(bytes.subarray(offset, offset + chunk));
      await handle.sync();
      await sleep(150);
    }
    await handle.close();
    await waitFor(() => processedOrRejected('slow.docx'), 'slow.docx to be moved', 60_000);
    const entries = (await status()).filter((entry) => entry.fileName === 'slow.docx');
    expect(entries.map((entry) => entry.sha256)).toEqual([sha256(bytes)]);
    expect(readFileSync(join(outDir, 'archive', `${sha256(bytes)}.docx`)).equals(bytes)).toBe(true);
  });

  it('sends a corrupt file to rejected/ with its reason and a memo, and the others on normally', async () => {
    copyFileSync(fixture('bad/truncated.docx'), join(inbox, 'truncated.docx'));
    // Refused at once (bad/image.png is read by OCR since #14, which takes seconds).
    copyFileSync(fixture('bad/text-renamed.pdf'), join(inbox, 'scan.png'));
    copyFileSync(fixture('samples/xinlin-2024.docx'), join(inbox, 'xinlin.docx'));
    await waitFor(
      () => ['truncated.docx', 'scan.png', 'xinlin.docx'].every(processedOrRejected),
      'the three files to be moved',
      60_000,
    );
    expect(processedOrRejected('truncated.docx')).toBe('rejected');
    const reason = readFileSync(join(inbox, 'rejected', 'truncated.docx.reason.txt'), 'utf8');
    expect(reason).toMatch(/退回原因：.*[\u4e00-\u9fff]/);
    expect(reason).toContain('处理建议：');
    const truncatedSha = sha256(readFileSync(fixture('bad/truncated.docx')));
    const memos = listing(join(outDir, 'memos'));
    expect(memos.filter((name) => name.includes(truncatedSha.slice(0, 8)))).toHaveLength(3);
    expect(processedOrRejected('xinlin.docx')).toBe('processed');
  });

  it('says in its log each page of a scanned file it has recognised, then checks it', async () => {
    copyFileSync(fixture('scans/overall-ab-hr-2023.photo.jpg'), join(inbox, 'photo.jpg'));
    await watcher.waitForLine(/已识别1页：.*photo\.jpg/, 120_000);
    await waitFor(() => processedOrRejected('photo.jpg'), 'photo.jpg to be moved', 120_000);
    expect(processedOrRejected('photo.jpg')).toBe('processed');
  });

  it('recognises a duplicate: noted, moved out, not checked again', async () => {
    const before = await status();
    const memosBefore = listing(join(outDir, 'memos')).length;
    copyFileSync(fixture('samples/pingdeng-2023.docx'), join(inbox, 'slow-again.docx'));
    await waitFor(() => processedOrRejected('slow-again.docx'), 'the duplicate to be moved');
    const after = await status();
    expect(after).toHaveLength(before.length);
    const original = after.find((entry) => entry.fileName === 'slow.docx');
    expect(original?.duplicates).toBe(1);
    expect(listing(join(outDir, 'memos'))).toHaveLength(memosBefore);
    await watcher.waitForLine(/重复报送：slow-again\.docx/);
  });

  it('lets a corrected resubmission supersede the earlier one, and its memo shows what changed', async () => {
    copyFileSync(fixture('discrepancies/funds.balance.docx'), join(inbox, 'pingdeng-corrected.docx'));
    await waitFor(() => processedOrRejected('pingdeng-corrected.docx'), 'the resubmission to be moved', 60_000);
    const entries = await status();
    const earlier = entries.find((entry) => entry.fileName === 'slow.docx')!;
    const later = entries.find((entry) => entry.fileName === 'pingdeng-corrected.docx')!;
    expect(later.supersedes).toBe(earlier.sha256);
    expect(earlier.state).toBe('superseded');
    // The current submission holds the plain name; the superseded memo moved to its sha-suffixed name.
    // The file leaves the inbox before its memo is written: wait for the memo.
    const plain = join(outDir, 'memos', '平等乡人民政府-2023.md');
    const aside = join(outDir, 'memos', `平等乡人民政府-2023-${earlier.sha256.slice(0, 8)}.md`);
    // Between moving the earlier memo aside and writing the new one the plain name is briefly absent.
    const plainText = () => {
      try {
        return readFileSync(plain, 'utf8');
      } catch {
        return '';
      }
    };
    await waitFor(
      () => existsSync(aside) && plainText().includes(later.sha256),
      'the resubmission’s memo under the plain name',
    );
    const text = readFileSync(plain, 'utf8');
    expect(text).toContain(earlier.sha256);
    expect(text).toContain('已纠正');
  });

  it('processes fifty real submissions of fifty units dropped at once: fifty checked results, memos and store rows', async () => {
    // Variants of a township's and a department's report, each naming a unit of its own (so none
    // supersedes another) with distinct bytes: every one goes through the worker pool and the desk.
    const sources = [
      readFileSync(fixture('samples/pingdeng-2023.docx')),
      readFileSync(fixture('samples/nongye-2023.docx')),
    ];
    const random = seededRandom(50);
    const names = Array.from({ length: 50 }, (_, i) => `batch-${String(i).padStart(2, '0')}.docx`);
    const variants = names.map((_, i) => varyDocx(sources[i % 2]!, 500 + i, random).bytes);
    expect(new Set(variants.map(sha256)).size).toBe(50);
    for (const [i, name] of names.entries()) writeFileSync(join(inbox, name), variants[i]!);
    await waitFor(() => names.every(processedOrRejected), 'all fifty files to be moved', 120_000, 250);
    expect(names.filter((name) => processedOrRejected(name) !== 'processed')).toEqual([]);
    const entries = await status();
    const batch = names.map((name) => {
      const rows = entries.filter((entry) => entry.fileName === name);
      expect(rows).toHaveLength(1);
      return rows[0]!;
    });
    expect(batch.map((entry) => [entry.state, entry.stage])).toEqual(names.map(() => ['checked', 'done']));
    expect(new Set(batch.map((entry) => entry.sha256))).toEqual(new Set(variants.map(sha256)));
    const units = new Set(batch.map((entry) => entry.unit));
    expect(units.size).toBe(50);
    const memos = new Set(listing(join(outDir, 'memos')));
    for (const unit of units) {
      for (const extension of ['md', 'html', 'docx']) expect(memos).toContain(`${unit}-2023.${extension}`);
    }
  }, 150_000);

  it('leaves Office lock files and temporary downloads alone', async () => {
    writeFileSync(join(inbox, '~$pingdeng.docx'), 'lock');
    writeFileSync(join(inbox, 'report.docx.crdownload'), 'partial');
    writeFileSync(join(inbox, 'marker.docx'), 'marker');
    await waitFor(() => processedOrRejected('marker.docx'), 'the marker file to be moved');
    expect(listing(inbox).filter((name) => !['processed', 'rejected'].includes(name))).toEqual([
      'report.docx.crdownload',
      '~$pingdeng.docx',
    ]);
  });

  it('stops cleanly on SIGINT: exit code 0, nothing left half-done, the summary written', async () => {
    watcher.child.kill('SIGINT');
    const exit = await Promise.race([watcher.exited, sleep(30_000).then(() => null)]);
    expect(exit).toEqual({ code: 0, signal: null });
    const entries = await status();
    expect(entries.filter((entry) => entry.stage !== 'done')).toEqual([]);
    expect(existsSync(join(outDir, 'summary.xlsx'))).toBe(true);
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as {
      results: { sha256: string; superseded: boolean }[];
    };
    // Every submission the store knows, superseded ones marked (issue #6).
    expect(results.results.map((result) => [result.sha256, result.superseded])).toEqual(
      entries.map((entry) => [entry.sha256, entry.state === 'superseded']),
    );
    expect(watcher.lines.join('\n')).toContain('已结束监视');
  });
});
