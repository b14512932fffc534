/**
 * OCR pages cached in the store (issue #14): a re-check of the same file does not recognise its
 * pages again. The worker here is a stand-in for the OCR reader only: it reads "pages" through the
 * real worker-side cache (port-ocr-cache.ts), recognising (a fake OcrPageRecord) only what the cache
 * does not hold; the real CheckRunner, worker pool and store (SQLite on disk) answer it. `get` and
 * `put` are counted on the main thread's side.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import type { OcrCache, OcrPageRecord } from '../../../extractors/ocr/ocr-page.js';
import { CheckRunner } from '../../../pipeline/check/check-runner.js';
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { StoreOcrCache } from '../../../pipeline/desk/ocr-page-cache.js';
import { readIntakeFile } from '../../../pipeline/intake/intake.js';
import { assertBuilt } from '../cli/support/cli.js';

const portCacheModule = new URL('../../../dist/pipeline/check/port-ocr-cache.js', import.meta.url).href;

/*
 * Reads `pages` pages (the input's limits.maxOcrPages, for want of a page count) through the cache,
 * recognising a missing page after `pageMs` milliseconds, and answers with the texts it read as the
 * rejection message (so the test sees what came back from the store, byte for byte).
 */
const script = `
import { parentPort } from 'node:worker_threads';
import { answerReply, portOcrCache } from ${JSON.stringify(portCacheModule)};
const engine = 'fake-ocr 1.0 (model v4)';
parentPort.on('message', async (message) => {
  if (answerReply(message)) return;
  const { id, input } = message;
  const cache = portOcrCache(parentPort, id);
  const texts = [];
  for (let page = 1; page <= input.limits.maxOcrPages; page++) {
    let record = await cache.get(input.sha256, page, engine);
    if (!record) {
      await new Promise((resolve) => setTimeout(resolve, input.limits.pageMs ?? 0));
      record = {
        engine, width: 595, height: 842,
        boxes: [{ text: '第' + page + '页：收入总额801.86万元', x: 72, y: 100, width: 200, size: 12, confidence: 0.93 }],
        rulings: { horizontal: [], vertical: [] },
        notes: ['第' + page + '页倾斜0.8°，已校正'],
      };
      await cache.put(input.sha256, page, engine, record);
    }
    texts.push(record.boxes[0].text + '|' + record.notes[0]);
  }
  parentPort.postMessage({ id, output: {
    output: { ok: false, code: 'no-text-layer', message: texts.join(';'), format: 'pdf', detail: null },
    memo: null,
  } });
});
`;

/** The store's cache with its calls counted. */
class CountingCache implements OcrCache {
  gets = 0;
  hits = 0;
  puts = 0;
  constructor(private readonly inner: OcrCache) {}
  async get(sha256: string, page: number, engine: string): Promise<OcrPageRecord | undefined> {
    this.gets++;
    const record = await this.inner.get(sha256, page, engine);
    if (record) this.hits++;
    return record;
  }
  async put(sha256: string, page: number, engine: string, record: OcrPageRecord): Promise<void> {
    this.puts++;
    await this.inner.put(sha256, page, engine, record);
  }
}

let work: string;
let scriptUrl: URL;
let scan: string;

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), 'ocr-cache-'));
  writeFileSync(join(work, 'ocr-worker.mjs'), script);
  scriptUrl = pathToFileURL(join(work, 'ocr-worker.mjs'));
  scan = join(work, '扫描件.pdf');
  writeFileSync(scan, '%PDF-1.4\n% three scanned pages, as far as this test is concerned\n');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function checkWith(db: Db, options: { pageMs?: number; timeoutMs?: number; ocrPageTimeoutMs?: number } = {}) {
  const pagesSeen: number[] = [];
  const limits = { ...defaultReadLimits, maxOcrPages: 3, pageMs: options.pageMs ?? 0 };
  const runner = new CheckRunner({
    jobs: 1,
    script: scriptUrl,
    limits: {
      ...limits,
      timeoutMs: options.timeoutMs ?? defaultReadLimits.timeoutMs,
      ocrPageTimeoutMs: options.ocrPageTimeoutMs ?? 10_000,
    },
    onOcrPage: (file, pages) => {
      expect(file).toBe('扫描件.pdf');
      pagesSeen.push(pages);
    },
  });
  const cache = new CountingCache(new StoreOcrCache(db));
  try {
    const run = await runner.check(await readIntakeFile(scan, runner.limits), '扫描件.pdf', { ocrCache: cache });
    return { run, cache, pagesSeen };
  } finally {
    await runner.close();
  }
}

const expectedTexts = [1, 2, 3].map((page) => `第${page}页：收入总额801.86万元|第${page}页倾斜0.8°，已校正`).join(';');

describe('OCR pages cached in the store', () => {
  it('recognises each page once; a re-check, even after the store is closed and opened again, reads them from the store', async () => {
    const outDir = join(work, 'out-recheck');
    let db = openDatabase(outDir);
    const first = await checkWith(db);
    expect(first.run.result.error?.message).toBe(expectedTexts);
    expect([first.cache.gets, first.cache.hits, first.cache.puts]).toEqual([3, 0, 3]);

    const second = await checkWith(db);
    expect(second.run.result.error?.message).toBe(expectedTexts);
    expect([second.cache.gets, second.cache.hits, second.cache.puts]).toEqual([3, 3, 0]);
    db.close();

    db = openDatabase(outDir);
    const third = await checkWith(db);
    expect(third.run.result.error?.message).toBe(expectedTexts);
    expect([third.cache.gets, third.cache.hits, third.cache.puts]).toEqual([3, 3, 0]);
    const rows = db.prepare('SELECT sha256, page, engine FROM ocr_pages ORDER BY page').all() as {
      sha256: string;
      page: number;
      engine: string;
    }[];
    expect(rows.map((row) => [row.sha256, row.page, row.engine])).toEqual(
      [1, 2, 3].map((page) => [first.run.result.sha256, page, 'fake-ocr 1.0 (model v4)']),
    );
    db.close();
  });

  it('keys pages by engine: another engine (or model version) recognises them again', async () => {
    const db = openDatabase(join(work, 'out-engine'));
    const cache = new StoreOcrCache(db);
    const record: OcrPageRecord = {
      engine: 'fake-ocr 1.0',
      width: 595,
      height: 842,
      boxes: [{ text: '97', x: 1, y: 2, width: 3, size: 4, confidence: 0.5 }],
      rulings: { horizontal: [], vertical: [] },
      notes: [],
    };
    await cache.put('a'.repeat(64), 1, 'fake-ocr 1.0', record);
    expect(await cache.get('a'.repeat(64), 1, 'fake-ocr 1.0')).toEqual(record);
    expect(await cache.get('a'.repeat(64), 1, 'fake-ocr 2.0')).toBeUndefined();
    expect(await cache.get('a'.repeat(64), 2, 'fake-ocr 1.0')).toBeUndefined();
    expect(await cache.get('b'.repeat(64), 1, 'fake-ocr 1.0')).toBeUndefined();
    // A damaged row is read again rather than trusted.
    db.prepare("UPDATE ocr_pages SET json = '{not json' WHERE page = 1").run();
    expect(await cache.get('a'.repeat(64), 1, 'fake-ocr 1.0')).toBeUndefined();
    db.close();
  });

  it('counts the file’s pages for the progress display, recognised or cached', async () => {
    const db = openDatabase(join(work, 'out-progress'));
    expect((await checkWith(db)).pagesSeen).toEqual([1, 2, 3]);
    expect((await checkWith(db)).pagesSeen).toEqual([1, 2, 3]);
    db.close();
  });

  it('gives each page read by OCR its own time: three 2 s pages finish within a 4 s file budget', async () => {
    // The file budget covers a worker's start even on a loaded machine; the pages alone overrun it.
    const db = openDatabase(join(work, 'out-time'));
    const { run, cache } = await checkWith(db, { pageMs: 2000, timeoutMs: 4000 });
    expect(run.result.error?.message).toBe(expectedTexts);
    expect(cache.puts).toBe(3);
    db.close();
  });

  it('says, when a scan runs out of time, that its OCR did, with the time it had and the pages it read', async () => {
    // 3 s for the file (a worker's start on a loaded machine) and 1 s more for each page begun; a page
    // takes 2.5 s, so the time runs out with one page in hand, whichever it is.
    const db = openDatabase(join(work, 'out-overrun'));
    const { run } = await checkWith(db, { pageMs: 2500, timeoutMs: 3000, ocrPageTimeoutMs: 1000 });
    expect(run.result.status).toBe('rejected');
    const said =
      /^扫描件文字识别超时（超过(\d+)秒，已识别(\d+)页），请报送可复制文字的电子版（Word或PDF），或将扫描件分成几个文件报送。$/.exec(
        run.result.error?.message ?? '',
      );
    expect(said, run.result.error?.message).not.toBeNull();
    const [seconds, pagesRead] = [Number(said![1]), Number(said![2])];
    // The time it had counts the page in hand too: 3 s + 1 s × (pages read + 1).
    expect(pagesRead).toBeLessThan(3);
    expect(seconds).toBe(3 + pagesRead + 1);
    db.close();
  });
});
