/**
 * The raster steps of OCR (extractors/ocr/raster/) on 200 dpi pages, step by step: each fixture
 * page is rendered with PDFium, made into a clean render, a colour scan (turned 1.2°, a red seal,
 * grain and blur) and a phone photo; each step runs on each once to warm up, then `--passes`
 * timed times; the median milliseconds per page of each step and of preparePage + findRulings
 * (what the recogniser calls) are printed as a table and one JSON line.
 * Usage: node dist/bench/ocr-raster.js [--passes P]   (the target: prepare+rulings well under 300 ms)
 * Not part of `npm run bench`: run it on an idle machine, the numbers are CPU-bound and single-threaded.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultReadLimits } from '../extractors/model/limits.js';
import { binarize } from '../extractors/ocr/raster/binarize.js';
import { whitenBorder } from '../extractors/ocr/raster/border.js';
import { estimateSkew, rotateDegrees } from '../extractors/ocr/raster/deskew.js';
import type { RgbaImage } from '../extractors/ocr/raster/image.js';
import { flattenLight } from '../extractors/ocr/raster/light.js';
import { textLineDirection } from '../extractors/ocr/raster/orientation.js';
import { findPageQuad } from '../extractors/ocr/raster/perspective.js';
import { findRulings, preparePage } from '../extractors/ocr/raster/prepare.js';
import { grayWithoutSeal } from '../extractors/ocr/raster/seal.js';
import { loadPdfBackend } from '../extractors/pdf/engines.js';
import { repoRoot } from '../fixtures/hostile/repo-root.js';
import { addGrain, blur, photograph, rotateRgba, seeded, stampSeal } from '../test/extractors/ocr/raster/distort.js';

const pages: [string, number][] = [
  ['fixtures/samples/xinlin-2024.pdf', 3],
  ['fixtures/samples/xinlin-2024.pdf', 11],
  ['fixtures/forms/overall-nature-guantang-2023.pdf', 1],
];

async function render(path: string, page: number): Promise<RgbaImage> {
  const backend = await loadPdfBackend('pdfium');
  const source = await backend.open(new Uint8Array(readFileSync(`${repoRoot()}/${path}`)), defaultReadLimits);
  try {
    const image = await source.render(page, 200 / 72);
    return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
  } finally {
    await source.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { passes: { type: 'string', default: '5' } } });
  const passes = Math.max(1, Number(values.passes));
  const inputs: { name: string; image: RgbaImage }[] = [];
  for (const [path, page] of pages) {
    const clean = await render(path, page);
    const random = seeded(page);
    const scan = blur(rotateRgba(clean, 1.2));
    stampSeal(scan, { cx: scan.width * 0.6, cy: scan.height * 0.4, radius: 160 }, random);
    addGrain(scan, 24, random);
    const w = clean.width;
    const h = clean.height;
    const photo = photograph(
      clean,
      [
        [w * 0.07, h * 0.06],
        [w * 0.95, h * 0.04],
        [w * 0.99, h * 0.98],
        [w * 0.04, h * 0.96],
      ],
      Math.round(w * 1.05),
      Math.round(h * 1.03),
      random,
    );
    const label = `${path.split('/').pop()}#${page}`;
    inputs.push({ name: `${label} clean`, image: clean }, { name: `${label} scan`, image: scan });
    inputs.push({ name: `${label} photo`, image: photo });
  }
  const steps: [string, (image: RgbaImage) => unknown][] = [
    ['gray+seal', (i) => grayWithoutSeal(i)],
    ['page quad', (i) => findPageQuad(grayWithoutSeal(i).gray)],
    ['border', (i) => whitenBorder(grayWithoutSeal(i).gray)],
    ['flatten', (i) => flattenLight(grayWithoutSeal(i).gray)],
    ['orientation', (i) => textLineDirection(grayWithoutSeal(i).gray)],
    ['skew', (i) => estimateSkew(grayWithoutSeal(i).gray)],
    ['rotate', (i) => rotateDegrees(grayWithoutSeal(i).gray, 1.2)],
    ['binarize', (i) => binarize(grayWithoutSeal(i).gray)],
    ['prepare', (i) => preparePage(i)],
    ['prepare+rulings', (i) => findRulings(preparePage(i).gray)],
  ];
  const result: Record<string, Record<string, number>> = {};
  const gray = (i: RgbaImage): number => {
    const start = performance.now();
    grayWithoutSeal(i);
    return performance.now() - start;
  };
  for (const { name, image } of inputs) {
    result[name] = {};
    const grayMs = median(Array.from({ length: passes }, () => gray(image)));
    for (const [step, run] of steps) {
      run(image);
      const times: number[] = [];
      for (let p = 0; p < passes; p++) {
        const start = performance.now();
        run(image);
        times.push(performance.now() - start);
      }
      // Steps after the first run on the gray image: their own time is the total minus the gray step.
      const own = step === 'gray+seal' || step.startsWith('prepare') ? median(times) : median(times) - grayMs;
      result[name]![step] = Math.round(own);
    }
    process.stderr.write(`${name}: ${JSON.stringify(result[name])}\n`);
  }
  const header = ['page', ...steps.map(([s]) => s)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const [name, row] of Object.entries(result))
    lines.push(`| ${name} | ${steps.map(([s]) => row[s]).join(' | ')} |`);
  process.stdout.write(`median ms per page over ${passes} passes\n${lines.join('\n')}\n${JSON.stringify(result)}\n`);
}

await main();
