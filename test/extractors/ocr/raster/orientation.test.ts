/**
 * Quarter turns decided from layout alone: fixture pages (prose, the scoring table as a Word-style
 * and a Chromium layout, a form) turned by 90° either way come back with their lines across; the
 * recogniser settles 0 against 180 by rotateQuarter(…, 2), so a page turned clockwise comes back
 * upside down and one turned counter-clockwise comes back upright. Upright pages are not turned.
 */
import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../../extractors/ocr/raster/image.js';
import { textLineDirection } from '../../../../extractors/ocr/raster/orientation.js';
import { preparePage, rotateQuarter, toGray } from '../../../../extractors/ocr/raster/prepare.js';
import { quarterRgba } from './distort.js';
import { fixturePage } from './fixture-pages.js';

/** Share of the original's ink pixels that are ink in `prepared` at the same place. */
function inkKept(original: GrayImage, prepared: GrayImage): number {
  expect([prepared.width, prepared.height]).toEqual([original.width, original.height]);
  let ink = 0;
  let kept = 0;
  for (let p = 0; p < original.data.length; p++) {
    if (original.data[p]! >= 100) continue;
    ink++;
    if (prepared.data[p]! < 160) kept++;
  }
  return kept / ink;
}

const pages: [string, number, string][] = [
  ['samples/xinlin-2024.pdf', 3, 'prose'],
  ['samples/xinlin-2024.pdf', 11, 'the scoring table, landscape'],
  ['producers/xinlin-2024.chromium.pdf', 11, 'the scoring table in narrow Chromium cells'],
  ['forms/overall-nature-guantang-2023.pdf', 1, 'a form'],
];

describe('text line direction', () => {
  for (const [path, page, what] of pages) {
    it(`finds lines across on ${what} and down once it is turned`, async () => {
      const gray = toGray((await fixturePage(path, page)).image);
      const upright = textLineDirection(gray);
      expect(upright.vertical).toBe(false);
      // The margin the choice rests on: at least twice as many pieces down as across.
      expect(upright.piecesDown).toBeGreaterThan(2 * upright.piecesAcross);
      expect(textLineDirection(rotateQuarter(gray, 1)).vertical).toBe(true);
    });
  }
});

describe('quarter turns in preparePage', () => {
  it('turns a page scanned a quarter turn counter-clockwise upright, and notes it', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 3);
    const prepared = preparePage(quarterRgba(image, 3), 4);
    expect(prepared.rotation).toBe(90);
    expect(prepared.notes).toContain('第4页旋转90°');
    expect(inkKept(toGray(image), prepared.gray)).toBeGreaterThan(0.97);
  });

  it('turns a table page scanned a quarter turn clockwise to lines across, upside down for the recogniser to settle', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 11);
    const prepared = preparePage(quarterRgba(image, 1), 11);
    expect(prepared.rotation).toBe(90);
    expect(inkKept(toGray(image), rotateQuarter(prepared.gray, 2))).toBeGreaterThan(0.97);
  });

  it('leaves an upright page as it is', async () => {
    const { image } = await fixturePage('producers/xinlin-2024.chromium.pdf', 11);
    const prepared = preparePage(image, 11);
    expect(prepared.rotation).toBe(0);
    expect(prepared.notes).toEqual([]);
    expect(inkKept(toGray(image), prepared.gray)).toBeGreaterThan(0.99);
  });
});
