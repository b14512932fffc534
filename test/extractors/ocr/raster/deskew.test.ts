/**
 * Deskew on scans turned by a known angle: fixture pages rendered at 200 dpi, turned, with grain
 * and blur, must give back the angle within 0.1° (prose, the scoring table, a form), and the
 * prepared page is straightened and says so.
 */
import { describe, expect, it } from 'vitest';
import { estimateSkew, rotateDegrees } from '../../../../extractors/ocr/raster/deskew.js';
import { preparePage, toGray } from '../../../../extractors/ocr/raster/prepare.js';
import { addGrain, blur, rotateRgba, seeded } from './distort.js';
import { fixturePage } from './fixture-pages.js';

describe('skew estimate', () => {
  const cases: [string, number, number[]][] = [
    // prose only: text lines are the only cue
    ['samples/xinlin-2024.pdf', 3, [-2.6, 0.3]],
    // the scoring table (landscape): long rulings and short cell text
    ['samples/pingdeng-2023.pdf', 9, [-0.7, 2.9]],
    // a form laid out by another producer
    ['forms/overall-nature-guantang-2023.pdf', 1, [-1.4]],
  ];
  for (const [path, page, angles] of cases) {
    it(`recovers ${angles.join('°, ')}° on ${path} page ${page} within 0.1°`, async () => {
      const { image } = await fixturePage(path, page);
      const random = seeded(page * 31 + angles.length);
      for (const angle of angles) {
        const scan = blur(rotateRgba(image, angle));
        addGrain(scan, 40, random);
        const estimate = estimateSkew(toGray(scan));
        expect(Math.abs(estimate - angle), `turned ${angle}°, measured ${estimate}°`).toBeLessThanOrEqual(0.1);
      }
    });
  }

  it('measures 0 on a blank page instead of guessing', () => {
    const blank = { width: 400, height: 600, data: new Uint8Array(400 * 600).fill(250) };
    expect(estimateSkew(blank)).toBe(0);
  });
});

describe('straightening in preparePage', () => {
  it('turns a 1.2° scan back and notes it; a straight page is left alone', async () => {
    const { image } = await fixturePage('samples/xinlin-2024.pdf', 3);
    const prepared = preparePage(rotateRgba(image, 1.2), 3);
    expect(Math.abs(prepared.skewDegrees - 1.2)).toBeLessThanOrEqual(0.1);
    expect(prepared.notes).toContain('第3页倾斜1.2°，已校正');
    expect(estimateSkew(prepared.gray)).toBeCloseTo(0, 1);
    const straight = preparePage(image, 3);
    expect(straight.skewDegrees).toBe(0);
    expect(straight.notes).toEqual([]);
  });

  it('rotates about the centre onto white, keeping the size', () => {
    // A black horizontal bar through the centre turned by 2° rises to the left.
    const width = 401;
    const height = 201;
    const data = new Uint8Array(width * height).fill(255);
    for (let x = 50; x < 350; x++) for (let y = 99; y <= 101; y++) data[y * width + x] = 0;
    const turned = rotateDegrees({ width, height, data }, 2);
    expect([turned.width, turned.height]).toEqual([width, height]);
    const inkRowAt = (x: number): number => {
      let best = -1;
      for (let y = 0; y < height; y++) if (turned.data[y * width + x]! < 128) best = y;
      return best;
    };
    const rise = inkRowAt(330) - inkRowAt(70);
    expect(rise).toBeGreaterThanOrEqual(Math.floor(260 * Math.tan((2 * Math.PI) / 180)) - 1);
    expect(rise).toBeLessThanOrEqual(Math.ceil(260 * Math.tan((2 * Math.PI) / 180)) + 1);
    expect(turned.data[0]).toBe(255);
  });
});
