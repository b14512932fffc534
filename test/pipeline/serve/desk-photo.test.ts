/**
 * Phone photos on the desk (issue #14), end to end: `check --out` reads two photos by OCR — the
 * committed photo of the 人社 form, and a photo of a form whose 预算执行率得分 is wrong, taken with the
 * phone held sideways (stored turned, EXIF orientation 6) — and `review-desk serve` shows each as its
 * page image, drawn as OCR read it, with a finding's box on its figure. Where the figures really are
 * is read from the source PDFs by poppler, independently of review-desk: a photo's page, flattened
 * out of its perspective, is its source page.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrEngineId } from '../../../extractors/ocr/engine/engine-id.js';
import type { OcrPageRecord } from '../../../extractors/ocr/ocr-page.js';
import { cachedScan } from '../../../fixtures/build/scans/make-scan.js';
import { type ScanSpec, scanSpec } from '../../../fixtures/build/scans/scan-specs.js';
import { openDatabase } from '../../../pipeline/desk/database.js';
import { StoreOcrCache } from '../../../pipeline/desk/ocr-page-cache.js';
import { pageImageDpi } from '../../../pipeline/serve/desk-view.js';
import { pageImageFolder } from '../../../pipeline/serve/page-images.js';
import type { CheckResult } from '../../../reports/result-schema.js';
import { repoRoot, runCli } from '../cli/support/cli.js';
import { launchBrowser } from './browser.js';
import { popplerWords } from './poppler-words.js';
import { type ServeProcess, startServe } from './serve-process.js';

let work: string;
let outDir: string;
let serve: ServeProcess;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let results: CheckResult[];
/** Each photo's OCR record of its page, as the check kept it in the store. */
const records = new Map<string, OcrPageRecord>();

const committedPhoto = {
  file: 'overall-ab-hr-2023.photo.jpg',
  source: join(repoRoot, 'fixtures', 'forms', 'overall-ab-hr-2023.pdf'),
};
const sidewaysPhoto = {
  file: 'budget-execution-score.photo.jpg',
  source: join(repoRoot, 'fixtures', 'forms', 'discrepancies', 'budget.execution-score.pdf'),
};

/**
 * The form whose 自评得分 is 10 where 10 × 76% = 7.6 (fixtures/forms/discrepancies), photographed as
 * the committed photo is (fixtures/build/scans/make-scan.ts), in another light, on a darker desk.
 */
const discrepancyPhoto: ScanSpec = {
  ...scanSpec('overall-ab-hr-2023.photo'),
  name: 'budget.execution-score.photo',
  what: '预算执行率得分有误的整体支出绩效自评表手机照片（透视倾斜、光照不匀，PNG）',
  source: 'fixtures/forms/discrepancies/budget.execution-score.pdf',
  expected: null,
  hidden: [],
  seed: 2023_0707,
  grain: 4,
  photo: {
    width: 1800,
    height: 2400,
    corners: [
      [0.05, 0.05],
      [0.95, 0.02],
      [0.97, 0.97],
      [0.04, 0.94],
    ],
    light: { from: [0, 0], to: [1, 1], dark: 0.7 },
    desk: [150, 122, 96],
    png: true,
  },
};

function resultOf(fileName: string): CheckResult {
  return results.find((result) => result.file.endsWith(fileName))!;
}

/** The source PDF's first page drawn by poppler at exactly `width` × `height` pixels, gray. */
function sourcePage(file: string, width: number, height: number): { width: number; height: number; data: Uint8Array } {
  const ppm = execFileSync('pdftoppm', ['-gray', '-scale-to-x', String(width), '-scale-to-y', String(height), file]);
  // PGM: "P5\n<w> <h>\n255\n" then the pixels.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    data: new Uint8Array(ppm.subarray(header[0].length)),
  };
}

/** Share of dark pixels in each of `bands` strips down the page. */
function inkRows(
  image: { width: number; height: number; data: ArrayLike<number> },
  channels: number,
  bands: number,
): number[] {
  return Array.from({ length: bands }, (_, band) => {
    const y0 = Math.floor((band * image.height) / bands);
    const y1 = Math.floor(((band + 1) * image.height) / bands);
    let dark = 0;
    for (let p = y0 * image.width; p < y1 * image.width; p++) if (image.data[p * channels]! < 128) dark++;
    return dark / ((y1 - y0) * image.width);
  });
}

/**
 * GET of a page image on a connection of its own: a kept-alive one reused just as the server's
 * keep-alive timeout closes it (the test computes for seconds between requests) fails the request.
 */
function pageImage(sha256: string, page = 1): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${serve.url}/pages/${sha256}/${page}.png`, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, type: response.headers['content-type'], body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    }).on('error', reject);
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'review-desk-serve-photo-'));
  const submissions = join(work, 'submissions');
  mkdirSync(submissions);
  copyFileSync(join(repoRoot, 'fixtures', 'scans', committedPhoto.file), join(submissions, committedPhoto.file));
  // Held sideways: the pixels stored a quarter turn back, orientation 6 to show them upright.
  const upright = readFileSync(await cachedScan(discrepancyPhoto, repoRoot));
  const sideways = await sharp(upright).rotate(270).jpeg({ quality: 88 }).withMetadata({ orientation: 6 }).toBuffer();
  writeFileSync(join(submissions, sidewaysPhoto.file), sideways);
  outDir = join(work, 'out');
  const check = await runCli(['check', submissions, '--out', outDir, '--exit-zero', '--jobs', '2']);
  expect(check.code).toBe(0);
  results = (JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { results: CheckResult[] }).results;
  const db = openDatabase(outDir);
  try {
    const cache = new StoreOcrCache(db);
    for (const result of results) {
      const record = await cache.get(result.sha256, 1, ocrEngineId);
      if (record) records.set(result.sha256, record);
    }
  } finally {
    db.close();
  }
  serve = await startServe(['--out', outDir, '--jobs', '1']);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a phone photo on the desk', () => {
  it('is served as its page image: a PNG of the page as OCR read it, the size of its page at the desk resolution', async () => {
    for (const { file, source } of [committedPhoto, sidewaysPhoto]) {
      const result = resultOf(file);
      expect(result.status).toBe('checked');
      expect(result.format).toBe('jpeg');
      const record = records.get(result.sha256)!;
      // The sheet was found against the desk and flattened.
      expect(record.frame?.quad).toBeTruthy();
      const response = await pageImage(result.sha256);
      expect(response.status).toBe(200);
      expect(response.type).toBe('image/png');
      const png = response.body;
      const image = decode(png);
      // The page OCR read, in points, at the desk's 110 dpi.
      expect(image.width).toBe(Math.round((record.width * pageImageDpi) / 72));
      expect(image.height).toBe(Math.round((record.height * pageImageDpi) / 72));
      // Upright and flat: its text lines fall where the source page, drawn by poppler at that size, has them.
      const expected = inkRows(sourcePage(source, image.width, image.height), 1, 40);
      const drawn = inkRows(image, image.channels, 40);
      const agreeing = expected.filter((share, band) => share > 0.01 === drawn[band]! > 0.01).length;
      expect(agreeing).toBeGreaterThanOrEqual(36);
      // Kept, and the same bytes the next time.
      expect((await pageImage(result.sha256)).body).toEqual(png);
    }
    expect(readdirSync(join(outDir, pageImageFolder)).sort()).toEqual(
      [resultOf(committedPhoto.file), resultOf(sidewaysPhoto.file)]
        .map((result) => `${result.sha256}-1-${pageImageDpi}-ocr.png`)
        .sort(),
    );
    // A photo has one page.
    expect((await pageImage(resultOf(committedPhoto.file).sha256, 2)).status).toBe(404);
    // Two photos decoded and drawn (under a second of CPU each), two pages drawn by poppler: slow only under load.
  }, 180_000);

  it("puts a finding's box on its figure in the photo's page image", async () => {
    const result = resultOf(sidewaysPhoto.file);
    const record = records.get(result.sha256)!;
    const finding = result.findings.find((candidate) => candidate.ruleId === 'budget.execution-score')!;
    expect(finding).toBeTruthy();
    const image = decode((await pageImage(result.sha256)).body);
    const source = popplerWords(sidewaysPhoto.source);
    const placed = finding.evidence.filter((evidence) => (evidence.location as { box?: number[] }).box);
    // The score, the weight and the rate it rests on, each on the page.
    expect(placed.length).toBeGreaterThanOrEqual(2);
    for (const evidence of placed) {
      const [x0, y0, x1, y1] = (evidence.location as { box: [number, number, number, number] }).box;
      // The box in the image's pixels (points from the lower-left of the page OCR read).
      const k = pageImageDpi / 72;
      const box = { left: x0 * k, right: x1 * k, top: (record.height - y1) * k, bottom: (record.height - y0) * k };
      // The figure as the source PDF has it, where it stands on the source page scaled to the image.
      const sx = image.width / source.width;
      const sy = image.height / source.height;
      const candidates = source.words
        .filter((word) => word.text === evidence.text.trim())
        .map((word) => ({
          ...word,
          distance: Math.hypot(
            ((word.x0 + word.x1) / 2) * sx - (box.left + box.right) / 2,
            ((word.y0 + word.y1) / 2) * sy - (box.top + box.bottom) / 2,
          ),
        }))
        .sort((a, b) => a.distance - b.distance);
      expect(candidates.length, evidence.label).toBeGreaterThan(0);
      const figure = candidates[0]!;
      // Within a few points of it, and the figure's middle inside the box.
      expect(figure.distance, evidence.label).toBeLessThan(6 * k);
      const middle = { x: ((figure.x0 + figure.x1) / 2) * sx, y: ((figure.y0 + figure.y1) / 2) * sy };
      expect(middle.x).toBeGreaterThan(box.left);
      expect(middle.x).toBeLessThan(box.right);
      expect(middle.y).toBeGreaterThan(box.top);
      expect(middle.y).toBeLessThan(box.bottom);
      // And the image has the figure's ink there.
      let dark = 0;
      for (let y = Math.floor(box.top); y < Math.ceil(box.bottom); y++) {
        for (let x = Math.floor(box.left); x < Math.ceil(box.right); x++) {
          if (image.data[(y * image.width + x) * image.channels]! < 128) dark++;
        }
      }
      expect(dark, evidence.label).toBeGreaterThan(10);
    }
  });

  it("shows the photo beside the finding in the browser, the outline around the figure's place", async () => {
    const result = resultOf(sidewaysPhoto.file);
    const finding = result.findings.find((candidate) => candidate.ruleId === 'budget.execution-score')!;
    const evidence = finding.evidence.find((candidate) => (candidate.location as { box?: number[] }).box)!;
    const page: Page = await browser.context.newPage();
    await page.goto(serve.url);
    await page.getByRole('link', { name: result.report!.unit!, exact: true }).click();
    await page.waitForSelector('h1');
    const block = page.locator('details.finding', { hasText: finding.message }).first();
    await block.locator('summary').click();
    const figure = block.locator('figure.page-evidence').first();
    await figure.locator('.outline.placed').waitFor();
    const img = figure.locator('img');
    await expect(img.getAttribute('src')).resolves.toBe(`/pages/${result.sha256}/1.png`);
    // A photo has no pages to count: it is named as the picture it is.
    await expect(figure.locator('figcaption').textContent()).resolves.toBe('原件（图片）');
    const natural = await img.evaluate((element) => {
      const image = element as unknown as { naturalWidth: number; naturalHeight: number };
      return { width: image.naturalWidth, height: image.naturalHeight };
    });
    const record = records.get(result.sha256)!;
    expect(natural.width).toBe(Math.round((record.width * pageImageDpi) / 72));
    const shown = (await img.boundingBox())!;
    const outline = (await figure.locator('.outline').boundingBox())!;
    // The outline lies on the photo, about the figure, not the page.
    expect(outline.x).toBeGreaterThanOrEqual(shown.x);
    expect(outline.y).toBeGreaterThanOrEqual(shown.y);
    expect(outline.x + outline.width).toBeLessThanOrEqual(shown.x + shown.width);
    expect(outline.y + outline.height).toBeLessThanOrEqual(shown.y + shown.height);
    expect(outline.width).toBeLessThan(shown.width / 5);
    // Around the figure where the source page has it, scaled to the photo as shown.
    const source = popplerWords(sidewaysPhoto.source);
    const scale = shown.width / source.width;
    const words = source.words.filter((word) => word.text === evidence.text.trim());
    const slack = 3;
    const inside = words.filter((word) => {
      const middleX = shown.x + ((word.x0 + word.x1) / 2) * scale;
      const middleY = shown.y + ((word.y0 + word.y1) / 2) * (shown.height / source.height);
      return (
        middleX >= outline.x - slack &&
        middleX <= outline.x + outline.width + slack &&
        middleY >= outline.y - slack &&
        middleY <= outline.y + outline.height + slack
      );
    });
    expect(inside).toHaveLength(1);
    await page.close();
  });
});
