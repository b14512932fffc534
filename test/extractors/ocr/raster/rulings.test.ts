/**
 * Ruling lines found in the raster against the born-digital PDF's own rulings (PDFium's
 * page.rulings(), merged, scaled to 200 dpi pixels): the scoring table as Word-style and Chromium
 * PDFs lay it out, forms with their finance figures; also after a 1° turn + deskew with grain and
 * blur, under a seal on a grayscale scan (the ring must not become a line), inside a copier
 * border (the frame must not either). A prose page has no rulings, scanned or not.
 */
import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../../extractors/ocr/raster/image.js';
import { findRulings, type PixelRulings, preparePage } from '../../../../extractors/ocr/raster/prepare.js';
import { addBorder, addGrain, blur, grayscaleRgba, rotateRgba, seeded, stampSeal } from './distort.js';
import { copyOf, fixturePage } from './fixture-pages.js';

interface Line {
  at: number;
  from: number;
  to: number;
}

const horizontal = (r: PixelRulings): Line[] => r.horizontal.map((h) => ({ at: h.y, from: h.x1, to: h.x2 }));
const vertical = (r: PixelRulings): Line[] => r.vertical.map((v) => ({ at: v.x, from: v.y1, to: v.y2 }));

/**
 * Every expected line found (position within `across` px, ends within `along` px) and nothing
 * found that is not expected. Returns the lines that failed either way, for the message.
 */
function compare(found: Line[], expected: Line[], across: number, along: number): { missing: Line[]; extra: Line[] } {
  const matches = (a: Line, b: Line): boolean =>
    Math.abs(a.at - b.at) <= across && Math.abs(a.from - b.from) <= along && Math.abs(a.to - b.to) <= along;
  return {
    missing: expected.filter((e) => !found.some((f) => matches(f, e))),
    extra: found.filter((f) => !expected.some((e) => matches(f, e))),
  };
}

function expectSameRulings(found: PixelRulings, expected: PixelRulings, across: number, along: number): void {
  expect(compare(horizontal(found), horizontal(expected), across, along)).toEqual({ missing: [], extra: [] });
  expect(compare(vertical(found), vertical(expected), across, along)).toEqual({ missing: [], extra: [] });
}

function scan(image: RgbaImage, seed: number): RgbaImage {
  const random = seeded(seed);
  const turned = blur(rotateRgba(image, 1));
  addGrain(turned, 30, random);
  return turned;
}

const tables: [string, number, string][] = [
  ['samples/xinlin-2024.pdf', 11, 'the scoring table (Word-style PDF, landscape)'],
  ['producers/xinlin-2024.chromium.pdf', 13, 'the scoring table in Chromium cells'],
  ['forms/overall-nature-guantang-2023.pdf', 1, 'the overall-goals form with its finance block'],
  ['forms/outline-score-first-finance-2023.pdf', 2, 'a finance form laid out another way'],
];

describe('rulings of a clean render', () => {
  for (const [path, page, what] of tables) {
    it(`are the PDF's own on ${what}`, async () => {
      const { image, rulings } = await fixturePage(path, page);
      expect(rulings.horizontal.length).toBeGreaterThan(5);
      expectSameRulings(findRulings(preparePage(image, page).gray), rulings, 2.5, 5);
    });
  }

  it('are none on a prose page', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 3);
    expect(findRulings(preparePage(image, 3).gray)).toEqual({ horizontal: [], vertical: [] });
  });
});

describe('rulings of a scan', () => {
  for (const [path, page, what] of tables.slice(0, 3)) {
    it(`are the PDF's own on ${what} turned 1°, deskewed, with grain and blur`, async () => {
      const { image, rulings } = await fixturePage(path, page);
      const prepared = preparePage(scan(image, page), page);
      expect(Math.abs(prepared.skewDegrees - 1)).toBeLessThanOrEqual(0.1);
      expectSameRulings(findRulings(prepared.gray), rulings, 3.5, 8);
    });
  }

  it('are none on a scanned prose page', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 3);
    expect(findRulings(preparePage(scan(image, 3), 3).gray)).toEqual({ horizontal: [], vertical: [] });
  });

  it('leave out a seal ring on a grayscale scan, where the ring cannot be lifted', async () => {
    const { image, rulings } = await fixturePage('samples/xinlin-2024.pdf', 12);
    const stamped = copyOf(image);
    // Over the table total, and a second one over plain cells.
    stampSeal(stamped, { cx: 1990, cy: 740, radius: 150 }, seeded(5));
    stampSeal(stamped, { cx: 900, cy: 500, radius: 175 }, seeded(6));
    const gray = grayscaleRgba(stamped);
    const prepared = preparePage(gray, 12);
    expect(prepared.notes).toEqual([]);
    expectSameRulings(findRulings(prepared.gray), rulings, 2.5, 5);
  });

  it('leave out a copier border', async () => {
    const { image, rulings } = await fixturePage('forms/overall-nature-guantang-2023.pdf', 1);
    const framed = copyOf(image);
    addBorder(framed, [38, 22, 55, 30], seeded(8));
    const prepared = preparePage(framed, 1);
    expect(prepared.gray.data[0]).toBe(255);
    expect(prepared.gray.data[prepared.gray.data.length - 1]).toBe(255);
    expectSameRulings(findRulings(prepared.gray), rulings, 2.5, 5);
  });
});
