/**
 * Phone photos: a fixture page photographed in perspective on a dark desk with light falling off
 * to one side. The page's corners must be found, the page mapped back to a rectangle with its
 * rulings where the born-digital page has them (scaled to the rectified size), the light made
 * even, and the note say it was a photo. A plain scan is not taken for a photo.
 */
import { describe, expect, it } from 'vitest';
import { binarize } from '../../../../extractors/ocr/raster/binarize.js';
import type { GrayImage } from '../../../../extractors/ocr/raster/image.js';
import { findPageQuad } from '../../../../extractors/ocr/raster/perspective.js';
import { findRulings, type PixelRulings, preparePage, toGray } from '../../../../extractors/ocr/raster/prepare.js';
import { photograph, seeded } from './distort.js';
import { fixturePage } from './fixture-pages.js';

const corners: [number, number][] = [
  [180, 140],
  [2250, 90],
  [2330, 1700],
  [120, 1640],
];

/** Median brightness of the lighter half of each quarter of the image: the paper's level there. */
function paperLevels(image: GrayImage): number[] {
  const levels: number[] = [];
  for (const [qx, qy] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as const) {
    const values: number[] = [];
    const w = image.width >> 1;
    const h = image.height >> 1;
    for (let y = qy * h + 20; y < (qy + 1) * h - 20; y += 3) {
      for (let x = qx * w + 20; x < (qx + 1) * w - 20; x += 3) values.push(image.data[y * image.width + x]!);
    }
    values.sort((a, b) => a - b);
    levels.push(values[Math.floor(values.length * 0.75)]!);
  }
  return levels;
}

describe('phone photos', () => {
  it('finds the page corners against the desk', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 11);
    const photo = photograph(image, corners, 2500, 1800, seeded(21));
    const found = findPageQuad(toGray(photo));
    expect(found?.perspective).toBe(true);
    found!.quad.forEach((corner, i) => {
      expect(Math.hypot(corner.x - corners[i]![0], corner.y - corners[i]![1]), `corner ${i}`).toBeLessThan(6);
    });
  });

  it('undoes the perspective and the uneven light, and the table rulings come back in place', async () => {
    const { image, rulings } = await fixturePage('samples/xinlin-2024.pdf', 11);
    const photo = photograph(image, corners, 2500, 1800, seeded(22));
    // The photo's paper falls off by a third across it: that is what must be flattened.
    const before = paperLevels(toGray(photo));
    expect(Math.max(...before) - Math.min(...before)).toBeGreaterThan(25);
    const prepared = preparePage(photo, 11);
    expect(prepared.notes).toContain('第11页为拍摄件，已校正透视');
    expect(prepared.rotation).toBe(0);
    const after = paperLevels(prepared.gray);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(235);
    // Rectified to the page's proportions within the foreshortening of the mean sides.
    const sx = prepared.gray.width / image.width;
    const sy = prepared.gray.height / image.height;
    expect(sx).toBeGreaterThan(0.85);
    expect(sy).toBeGreaterThan(0.85);
    const found = findRulings(prepared.gray);
    const expected: PixelRulings = {
      horizontal: rulings.horizontal.map((h) => ({ y: h.y * sy, x1: h.x1 * sx, x2: h.x2 * sx })),
      vertical: rulings.vertical.map((v) => ({ x: v.x * sx, y1: v.y1 * sy, y2: v.y2 * sy })),
    };
    // Within 0.5% of the page across a line, 1% along it (a homography maps lines to lines, but
    // the photo's mean-side size is not the page's true one).
    for (const e of expected.horizontal) {
      const hit = found.horizontal.find(
        (f) => Math.abs(f.y - e.y) < 9 && Math.abs(f.x1 - e.x1) < 22 && Math.abs(f.x2 - e.x2) < 22,
      );
      expect(hit, `horizontal at ${e.y.toFixed(0)}`).toBeDefined();
    }
    for (const e of expected.vertical) {
      const hit = found.vertical.find(
        (f) => Math.abs(f.x - e.x) < 12 && Math.abs(f.y1 - e.y1) < 16 && Math.abs(f.y2 - e.y2) < 16,
      );
      expect(hit, `vertical at ${e.x.toFixed(0)}`).toBeDefined();
    }
    expect(found.horizontal.length).toBe(expected.horizontal.length);
    expect(found.vertical.length).toBe(expected.vertical.length);
  });

  it('does not take a plain scan for a photo', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 3);
    expect(findPageQuad(toGray(image))).toBeUndefined();
    expect(preparePage(image, 3).notes).toEqual([]);
  });
});

describe('binarise', () => {
  it('keeps the ink of a photographed page and whitens its paper where the light is poor', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 3);
    const clean = toGray(image);
    const photo = photograph(
      image,
      [
        [0, 0],
        [image.width, 0],
        [image.width, image.height],
        [0, image.height],
      ],
      image.width,
      image.height,
      seeded(4),
    );
    const binary = binarize(toGray(photo));
    let ink = 0;
    let inkKept = 0;
    let paper = 0;
    let paperKept = 0;
    let other = 0;
    for (let p = 0; p < clean.data.length; p++) {
      const v = binary.data[p]!;
      if (v !== 0 && v !== 255) other++;
      if (clean.data[p]! < 80) {
        ink++;
        if (v === 0) inkKept++;
      } else if (clean.data[p]! > 250) {
        paper++;
        if (v === 255) paperKept++;
      }
    }
    expect(other).toBe(0);
    expect(inkKept / ink).toBeGreaterThan(0.95);
    expect(paperKept / paper).toBeGreaterThan(0.99);
  });
});
