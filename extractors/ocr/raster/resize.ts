/** A gray plane scaled to another size (bilinear; for drawing a page, not for recognition). */
import type { GrayImage } from './image.js';
import { sampleBilinear } from './perspective.js';

export function resizeGray(image: GrayImage, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = (y + 0.5) * sy - 0.5;
    for (let x = 0; x < width; x++) {
      out[y * width + x] = sampleBilinear(image.data, image.width, image.height, (x + 0.5) * sx - 0.5, fy);
    }
  }
  return { width, height, data: out };
}
