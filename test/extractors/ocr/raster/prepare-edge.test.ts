/**
 * Pages that are not pages: blank, all black, tiny, a thin strip. preparePage and findRulings must
 * return a result (no throw, no turn, no notes, no rulings) so that the caller can report
 * `no-text-layer` or its own rejection instead of crashing the batch.
 */
import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../../extractors/ocr/raster/image.js';
import { findRulings, preparePage } from '../../../../extractors/ocr/raster/prepare.js';

function solid(width: number, height: number, value: number): RgbaImage {
  const data = new Uint8Array(width * height * 4).fill(value);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

describe('degenerate page images', () => {
  const cases: [string, RgbaImage][] = [
    ['a blank white A4 page', solid(1654, 2339, 255)],
    ['an all-black page', solid(400, 560, 0)],
    ['a one-pixel image', solid(1, 1, 128)],
    ['an empty image', solid(0, 0, 0)],
    ['a thin white strip', solid(2000, 3, 250)],
  ];
  for (const [what, image] of cases) {
    it(`prepares ${what} without turning it or finding anything`, () => {
      const prepared = preparePage(image, 2);
      expect(prepared.rotation).toBe(0);
      expect(prepared.skewDegrees).toBe(0);
      expect(prepared.notes).toEqual([]);
      expect([prepared.gray.width, prepared.gray.height]).toEqual([image.width, image.height]);
      expect(findRulings(prepared.gray)).toEqual({ horizontal: [], vertical: [] });
    });
  }
});
