/**
 * A phone photo whose light falls off across it so far that the page's dark end is darker than the
 * desk by the light (the 人社 form's photo of issue #14, made the way fixtures/build/scans makes it):
 * the page must still be found whole, or the perspective is "corrected" to a wrong quadrilateral and
 * the table's rulings are lost with it.
 */
import { describe, expect, it } from 'vitest';
import { findPageQuad } from '../../../../extractors/ocr/raster/perspective.js';
import { findRulings, preparePage, toGray } from '../../../../extractors/ocr/raster/prepare.js';
import { photograph } from '../../../../fixtures/build/scans/raster-effects.js';
import { scanSpec } from '../../../../fixtures/build/scans/scan-specs.js';
import { fixturePage } from './fixture-pages.js';

describe('a photo lit from one side', () => {
  it('finds the page corners though its far end is darker than the desk near the light', async () => {
    const { photo } = scanSpec('overall-ab-hr-2023.photo');
    const { image } = await fixturePage('forms/overall-ab-hr-2023.pdf', 1);
    const scale = ([x, y]: [number, number]): [number, number] => [x * photo!.width, y * photo!.height];
    const corners = photo!.corners.map(scale);
    const shot = photograph(
      { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) },
      photo!,
      corners,
      photo!.desk,
      { from: scale(photo!.light.from), to: scale(photo!.light.to), dark: photo!.light.dark },
    );
    const rgba = { width: shot.width, height: shot.height, data: new Uint8Array(shot.data.buffer) };
    const found = findPageQuad(toGray(rgba));
    expect(found?.perspective).toBe(true);
    found!.quad.forEach((corner, i) => {
      expect(Math.hypot(corner.x - corners[i]![0], corner.y - corners[i]![1]), `corner ${i}`).toBeLessThan(12);
    });
    // And so the form's table comes back: its 18 horizontal and 14 vertical rulings, as from the scan.
    const rulings = findRulings(preparePage(rgba, 1).gray);
    expect(rulings.horizontal.length).toBeGreaterThanOrEqual(15);
    expect(rulings.vertical.length).toBeGreaterThanOrEqual(10);
  });
});
