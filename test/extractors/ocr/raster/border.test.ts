/**
 * The copier frame whitened, and nothing thin: a table whose rulings run into the image's edge (a
 * photo that cuts through the sheet) keeps them, as the close-up photo of the basic-data form of
 * issue #14 needs. Drawn pages: a frame is the one thing here dark and thick both ways.
 */
import { describe, expect, it } from 'vitest';
import { whitenBorder } from '../../../../extractors/ocr/raster/border.js';
import type { GrayImage } from '../../../../extractors/ocr/raster/image.js';

const W = 400;
const H = 300;

function page(): { image: GrayImage; dark: (x0: number, y0: number, x1: number, y1: number) => void } {
  const data = new Uint8Array(W * H).fill(240);
  const dark = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) data.fill(20, y * W + x0, y * W + x1);
  };
  return { image: { width: W, height: H, data }, dark };
}

const at = (image: GrayImage, x: number, y: number) => image.data[y * W + x]!;

describe('whitenBorder', () => {
  it('whitens a copier frame along two sides, and keeps the table rulings that run into the other two', () => {
    const { image, dark } = page();
    dark(0, 0, W, 24); // the frame along the top
    dark(0, 0, 30, H); // and down the left
    // A table cut by the right and bottom edges: 2 px rulings every 50 px, reaching the edge.
    for (let y = 80; y < H; y += 50) dark(60, y, W, y + 2);
    for (let x = 60; x < W; x += 50) dark(x, 80, x + 2, H);
    expect(whitenBorder(image)).toBeGreaterThan(0);
    expect([at(image, 5, 5), at(image, 200, 10), at(image, 10, 200)]).toEqual([255, 255, 255]);
    // The rulings, at the edges they run into and in the middle.
    expect([at(image, W - 1, 130), at(image, 160, H - 1), at(image, 200, 180), at(image, 110, 230)]).toEqual([
      20, 20, 20, 20,
    ]);
  });

  it('whitens the frame where the rulings run into it, and leaves the rulings', () => {
    const { image, dark } = page();
    dark(0, 0, 30, H);
    dark(0, H - 20, W, H);
    for (let y = 40; y < H; y += 60) dark(0, y, 300, y + 3);
    whitenBorder(image);
    expect([at(image, 10, 150), at(image, 200, H - 5)]).toEqual([255, 255]);
    expect([at(image, 100, 41), at(image, 250, 161)]).toEqual([20, 20]);
  });
});
