/**
 * The red seal over figures: a red round seal (ring, star, characters) stamped over text on a
 * 200 dpi render of a fixture page, with grain, must vanish from the prepared page while the black
 * print under it stays dark (compared pixel by pixel with the unstamped render). Plain luminance,
 * the interim behaviour, fails the same comparison. A grayscale scan passes through untouched.
 */
import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../../extractors/ocr/raster/image.js';
import { preparePage, toGray } from '../../../../extractors/ocr/raster/prepare.js';
import { grayWithoutSeal } from '../../../../extractors/ocr/raster/seal.js';
import { addGrain, grayscaleRgba, type Seal, seeded, stampSeal } from './distort.js';
import { copyOf as copy, fixturePage } from './fixture-pages.js';

interface SealScore {
  /** Share of seal pixels on paper that are paper-light (≥ 200) in the result. */
  inkGone: number;
  /** Share of seal pixels on print (< 100 in the clean render) that are still dark (< 140). */
  printKept: number;
  printPixels: number;
}

function score(clean: GrayImage, mask: Uint8Array, result: GrayImage): SealScore {
  let paper = 0;
  let gone = 0;
  let print = 0;
  let kept = 0;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] !== 1) continue;
    const before = clean.data[p]!;
    if (before >= 230) {
      paper++;
      if (result.data[p]! >= 200) gone++;
    } else if (before < 100) {
      print++;
      if (result.data[p]! < 140) kept++;
    }
  }
  return { inkGone: gone / paper, printKept: kept / print, printPixels: print };
}

// The score on the conclusion page and the scoring table's total: where a unit's seal lands.
const stamps: [string, number, Seal, string][] = [
  // 「得分：97」 at (79–148, 392–413) pt on page 8
  ['samples/xinlin-2024.pdf', 8, { cx: 330, cy: 1110, radius: 165 }, 'the score in the conclusion'],
  // the total 97 at (713–726, 258–270) pt on page 12
  ['samples/xinlin-2024.pdf', 12, { cx: 1990, cy: 740, radius: 150 }, 'the scoring table total'],
];

describe('red seal suppression', () => {
  for (const [path, page, seal, what] of stamps) {
    it(`lifts a red seal off ${what} and keeps the print under it`, async () => {
      const { image } = await fixturePage(path, page);
      const clean = toGray(image);
      const scan = copy(image);
      const random = seeded(page);
      const mask = stampSeal(scan, seal, random);
      addGrain(scan, 24, random);
      const prepared = preparePage(scan, page);
      expect(prepared.notes).toContain(`第${page}页已去除红色印章`);
      expect(prepared.skewDegrees).toBe(0);
      const result = score(clean, mask, prepared.gray);
      // The seal must really lie over print, or the second figure proves nothing.
      expect(result.printPixels).toBeGreaterThan(400);
      expect(result.inkGone).toBeGreaterThan(0.97);
      expect(result.printKept).toBeGreaterThan(0.95);
      // Luminance alone (what the page got before) leaves the seal as dark as print.
      expect(score(clean, mask, toGray(scan)).inkGone).toBeLessThan(0.05);
    });
  }

  it('lifts an orange seal too', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 9);
    const scan = copy(image);
    const mask = stampSeal(scan, { cx: 1100, cy: 1500, radius: 140 }, seeded(3), [236, 120, 40]);
    const prepared = grayWithoutSeal(scan);
    expect(prepared.sealRemoved).toBe(true);
    expect(score(toGray(image), mask, prepared.gray).inkGone).toBeGreaterThan(0.97);
  });

  it('passes a grayscale scan through as luminance, without a seal note', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 9);
    const scan = copy(image);
    stampSeal(scan, { cx: 700, cy: 900, radius: 165 }, seeded(9));
    const gray = grayscaleRgba(scan);
    const result = grayWithoutSeal(gray);
    expect(result.sealRemoved).toBe(false);
    expect(Buffer.compare(result.gray.data, toGray(gray).data)).toBe(0);
    expect(preparePage(gray, 9).notes).toEqual([]);
  });

  it('does not take a few red ticks for a seal', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 9);
    const scan = copy(image);
    // Three short red pen strokes, 40×3 px each.
    for (const [x0, y0] of [
      [300, 400],
      [900, 1200],
      [1200, 2000],
    ] as const) {
      for (let y = y0; y < y0 + 3; y++) {
        for (let x = x0; x < x0 + 40; x++) scan.data.set([220, 30, 30], (y * scan.width + x) * 4);
      }
    }
    expect(grayWithoutSeal(scan).sealRemoved).toBe(false);
  });
});
