/**
 * The desk's bench section (issue #15): the batch page of 1,000 packages rendered by the server, cold
 * (results read from the store) and warm; a PDF page image drawn on first request and served from
 * the cache after. The store is filled from one real checked PDF, its result copied under 1,000 unit
 * names (each a package), so what is measured is the desk, not extraction.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../pipeline/desk/database.js';
import { SubmissionStore } from '../pipeline/desk/store.js';
import { pageImageDpi } from '../pipeline/serve/desk-view.js';
import { PageImages } from '../pipeline/serve/page-images.js';
import { createDeskApp } from '../pipeline/serve/server.js';
import type { CheckResult } from '../reports/result-schema.js';
import { median } from './stats.js';

export interface DeskBench {
  packages: number;
  batchColdMs: number;
  batchWarmMs: number[];
  batchBytes: number;
  pageImageFirstMs: number;
  pageImageCachedMs: number[];
  pagesDrawn: number;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

export async function benchDesk(root: string, packages = 1000): Promise<DeskBench> {
  const work = mkdtempSync(join(tmpdir(), 'review-desk-desk-bench-'));
  try {
    const sample = join(root, 'fixtures/samples/pingdeng-2023.pdf');
    const out = join(work, 'out');
    execFileSync(process.execPath, [join(root, 'bin/review-desk.js'), 'check', sample, '--out', out, '--exit-zero'], {
      stdio: 'ignore',
    });
    const db = openDatabase(out);
    const store = new SubmissionStore(db);
    const original = store.all()[0]!;
    const result = JSON.parse(store.resultJson(original.sha256)!) as CheckResult;
    mkdirSync(join(out, 'archive'), { recursive: true });
    const now = new Date();
    for (let i = 1; i < packages; i++) {
      const unit = `测试${String(i).padStart(4, '0')}乡人民政府`;
      const sha256 = createHash('sha256').update(unit).digest('hex');
      const archivePath = join('archive', `${sha256}.pdf`);
      copyFileSync(join(out, original.archivePath), join(out, archivePath));
      store.insertReceived({
        sha256,
        fileName: `${unit}.pdf`,
        sourcePath: `${unit}.pdf`,
        size: original.size,
        format: 'pdf',
        archivePath,
        inboxPath: null,
        mailWanted: false,
        receivedAt: now,
      });
      store.markArchived(sha256);
      store.recordResult(sha256, { ...result, sha256, file: `${unit}.pdf`, report: { ...result.report!, unit } }, now);
    }
    const pageImages = new PageImages(out, pageImageDpi);
    const app = await createDeskApp({
      outDir: out,
      db,
      store,
      pageImages,
      password: null,
      events: new EventEmitter(),
      inbox: false,
      upload: async () => '',
      afterDecision: async () => {},
      resendMail: async () => '',
      readModel: async () => {
        throw new Error('not used');
      },
      maxUploadBytes: 1,
      reviewerName: 'bench',
    });
    const cold = await timed(async () => (await app.request('/')).text());
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) warm.push((await timed(async () => (await app.request('/')).text())).ms);
    const pagePath = `/pages/${original.sha256}/1.png`;
    const first = await timed(async () => (await app.request(pagePath)).arrayBuffer());
    const cached: number[] = [];
    for (let i = 0; i < 5; i++) cached.push((await timed(async () => (await app.request(pagePath)).arrayBuffer())).ms);
    const stored = store.all().length;
    await pageImages.close();
    db.close();
    return {
      packages: stored,
      batchColdMs: cold.ms,
      batchWarmMs: warm,
      batchBytes: Buffer.byteLength(cold.value),
      pageImageFirstMs: first.ms,
      pageImageCachedMs: cached,
      pagesDrawn: pageImages.rendered,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function deskSection(bench: DeskBench): string[] {
  const ms = (value: number): string => `${Math.round(value)} ms`;
  return [
    '## The desk (`review-desk serve`)',
    '',
    `Batch page (批次总览) of ${bench.packages} packages, rendered by the server in-process (hono \`app.request\`):`,
    '',
    '| measure | time |',
    '| --- | --- |',
    `| first render (result digests read from SQLite) | ${ms(bench.batchColdMs)} |`,
    `| later renders, median of ${bench.batchWarmMs.length} | ${ms(median(bench.batchWarmMs))} |`,
    `| page size | ${Math.round(bench.batchBytes / 1024)} KiB |`,
    `| PDF page image, first request (PDFium in a worker, PNG by fast-png, at ${pageImageDpi} dpi) | ${ms(bench.pageImageFirstMs)} |`,
    `| PDF page image, cached, median of ${bench.pageImageCachedMs.length} | ${ms(median(bench.pageImageCachedMs))} |`,
    `| pages drawn for ${1 + bench.pageImageCachedMs.length} requests of one page | ${bench.pagesDrawn} |`,
    '',
    'Target (issue #15): a batch page of 1,000 packages under 300 ms; a page image drawn once.',
    '',
  ];
}
