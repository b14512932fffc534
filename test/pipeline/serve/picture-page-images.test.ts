/**
 * Photo and picture pages for the desk (issue #14): a JPEG or PNG submission drawn as OCR read it —
 * decoded upright by its EXIF orientation, its perspective undone by the frame OCR kept, at the desk's
 * resolution — kept in DIR/page-images/ like a PDF page, and refused rather than drawn huge.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodePicture } from '../../../extractors/image/decode.js';
import { pictureDpi } from '../../../extractors/image/picture-measure.js';
import type { GrayImage } from '../../../extractors/ocr/raster/image.js';
import { type PreparedPage, preparePage } from '../../../extractors/ocr/raster/prepare.js';
import { resizeGray } from '../../../extractors/ocr/raster/resize.js';
import type { OcrFrame } from '../../../pipeline/serve/page-image-protocol.js';
import { maxPicturePagePixels, PageImages, pageImageFolder } from '../../../pipeline/serve/page-images.js';
import { repoRoot } from '../cli/support/cli.js';

const script = new URL('../../../dist/pipeline/serve/page-image-worker.js', import.meta.url);
/** The desk's resolution (desk-view.ts pageImageDpi). */
const dpi = 110;
/** The committed phone photo of the 人社 form (fixtures/build/scans/scan-specs.ts): 1500 × 2000, perspective, uneven light. */
const photo = join(repoRoot, 'fixtures', 'scans', 'overall-ab-hr-2023.photo.jpg');

let work: string;
let images: PageImages;
/** The photo as OCR prepared it, and the frame its boxes stand in. */
let prepared: PreparedPage;
let frame: OcrFrame;

const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** The gray (mean of the channels) of a decoded PNG, and its channel count. */
function grayOf(png: Buffer): GrayImage & { channels: number } {
  const image = decode(png);
  const data = new Uint8Array(image.width * image.height);
  for (let p = 0; p < data.length; p++) {
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += image.data[p * image.channels + Math.min(c, image.channels - 1)]!;
    data[p] = sum / 3;
  }
  return { width: image.width, height: image.height, data, channels: image.channels };
}

/** Share of dark pixels (below `threshold`) in each of `bands` strips across (rows) or down (columns). */
function inkBands(image: GrayImage, bands: number, direction: 'rows' | 'columns', threshold: number): number[] {
  const along = direction === 'rows' ? image.height : image.width;
  const across = direction === 'rows' ? image.width : image.height;
  return Array.from({ length: bands }, (_, band) => {
    const from = Math.floor((band * along) / bands);
    const to = Math.floor(((band + 1) * along) / bands);
    let dark = 0;
    for (let a = from; a < to; a++) {
      for (let b = 0; b < across; b++) {
        const v = direction === 'rows' ? image.data[a * image.width + b]! : image.data[b * image.width + a]!;
        if (v < threshold) dark++;
      }
    }
    return dark / ((to - from) * across);
  });
}

/**
 * Share of the ink of `expected` (pixels below 100) that `drawn`, of the same size, has within a pixel
 * (below 160): near 1 when the two stand in one frame, low when one is shifted by a few pixels.
 */
function inkOverlap(expected: GrayImage, drawn: GrayImage): number {
  let ink = 0;
  let found = 0;
  for (let y = 1; y < expected.height - 1; y++) {
    for (let x = 1; x < expected.width - 1; x++) {
      if (expected.data[y * expected.width + x]! >= 100) continue;
      ink++;
      search: for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (drawn.data[(y + dy) * drawn.width + x + dx]! < 160) {
            found++;
            break search;
          }
        }
      }
    }
  }
  return found / ink;
}

/** How many bands the two agree on, inky (above 1 %) or not. */
function agreeingBands(expected: number[], drawn: number[]): number {
  return expected.filter((share, band) => share > 0.01 === drawn[band]! > 0.01).length;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'picture-page-images-'));
  copyFileSync(photo, join(work, 'photo.jpg'));
  const decoded = await decodePicture(new Uint8Array(readFileSync(photo)));
  if (!decoded.ok) throw new Error('the committed photo does not decode');
  prepared = preparePage({ width: decoded.width, height: decoded.height, data: decoded.data });
  frame = { ...prepared.frame, dpi: pictureDpi(decoded.width, decoded.height, decoded.density) };
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

afterEach(async () => {
  await images?.close();
});

describe('PageImages.picture', () => {
  it('draws a phone photo as OCR read it: the page out of its perspective, at the desk resolution, drawn once', async () => {
    // The photo's sheet lies at an angle on the desk: OCR flattened the quad it found.
    expect(prepared.frame.quad).not.toBeNull();
    const out = join(work, 'out-photo');
    images = new PageImages(out, dpi, { script });
    const file = join(work, 'photo.jpg');
    const [first, second] = await Promise.all([
      images.picture(sha(1), file, frame),
      images.picture(sha(1), file, frame),
    ]);
    expect(second).toEqual(first);
    expect(images.rendered).toBe(1);
    const drawn = grayOf(first!);
    expect(drawn.channels).toBe(3);
    // The frame of the OCR boxes at the desk's resolution: the prepared image's pixels × 110 / its dpi.
    expect(drawn.width).toBe(Math.round((prepared.gray.width * dpi) / frame.dpi));
    expect(drawn.height).toBe(Math.round((prepared.gray.height * dpi) / frame.dpi));
    // Its lines of text and its table's columns where the prepared page has them,
    for (const direction of ['rows', 'columns'] as const) {
      const expected = inkBands(prepared.gray, 40, direction, 128);
      expect(agreeingBands(expected, inkBands(drawn, 40, direction, 128))).toBeGreaterThanOrEqual(37);
    }
    // and each stroke where OCR saw it, within a pixel at this resolution.
    expect(inkOverlap(resizeGray(prepared.gray, drawn.width, drawn.height), drawn)).toBeGreaterThan(0.9);
    expect(readdirSync(join(out, pageImageFolder))).toEqual([`${sha(1)}-1-${dpi}-ocr.png`]);
    // A restarted desk reads the kept image.
    await images.close();
    images = new PageImages(out, dpi, { script });
    expect(await images.picture(sha(1), file, frame)).toEqual(first);
    expect(images.rendered).toBe(0);
    // A decode, a preparePage and the worker's start: well within a minute alone, slower on a loaded machine.
  }, 180_000);

  it('turns a photo stored sideways as its EXIF orientation says, as the OCR decoder did', async () => {
    // The same photo as a phone held sideways stores it: pixels a quarter turn back, orientation 6.
    const sideways = join(work, 'sideways.jpg');
    writeFileSync(
      sideways,
      await sharp(readFileSync(photo)).rotate(270).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer(),
    );
    expect((await sharp(readFileSync(sideways)).metadata()).width).toBe(2000);
    images = new PageImages(join(work, 'out-sideways'), dpi, { script });
    const upright = grayOf(await images.picture(sha(2), join(work, 'photo.jpg'), frame));
    const turned = grayOf(await images.picture(sha(3), sideways, frame));
    expect([turned.width, turned.height]).toEqual([upright.width, upright.height]);
    let difference = 0;
    for (let p = 0; p < upright.data.length; p++) difference += Math.abs(upright.data[p]! - turned.data[p]!);
    // Only the second JPEG compression tells them apart.
    expect(difference / upright.data.length).toBeLessThan(4);
    expect(inkOverlap(upright, turned)).toBeGreaterThan(0.95);
  });

  it('draws a 48-megapixel photo at the desk resolution, not at its own', async () => {
    // The photo enlarged four times (6000 × 8000), its frame with it: the same page at four times the dpi.
    const big = join(work, 'big.jpg');
    writeFileSync(big, await sharp(readFileSync(photo)).resize(6000, 8000).jpeg({ quality: 85 }).toBuffer());
    const bigFrame: OcrFrame = {
      ...frame,
      quad: frame.quad!.map(({ x, y }) => ({ x: x * 4, y: y * 4 })) as NonNullable<OcrFrame['quad']>,
      dpi: frame.dpi * 4,
    };
    images = new PageImages(join(work, 'out-big'), dpi, { script });
    const small = grayOf(await images.picture(sha(8), join(work, 'photo.jpg'), frame));
    const drawn = grayOf(await images.picture(sha(9), big, bigFrame));
    // Decoded scaled down by libvips (shrink on load), never whole: the size of the photo's own drawing.
    expect([drawn.width, drawn.height]).toEqual([small.width, small.height]);
    expect(inkOverlap(small, drawn)).toBeGreaterThan(0.9);
    // Making the 48-megapixel JPEG is most of it: a few seconds alone, far more on a loaded machine.
  }, 180_000);

  it('draws a picture whose record kept no frame upright as decoded, at the resolution the image reader took it at', async () => {
    const out = join(work, 'out-no-frame');
    images = new PageImages(out, dpi, { script });
    const drawn = grayOf(await images.picture(sha(4), join(work, 'photo.jpg')));
    // A phone's picture states no resolution: its long side is taken as A4's (2000 px over 11.69 in).
    const readAt = pictureDpi(1500, 2000, undefined);
    expect(drawn.width).toBe(Math.round((1500 * dpi) / readAt));
    expect(drawn.height).toBe(Math.round((2000 * dpi) / readAt));
    expect(readdirSync(join(out, pageImageFolder))).toEqual([`${sha(4)}-1-${dpi}.png`]);
  });

  it('draws a gray scanner PNG, stating its resolution, in colour channels at that resolution', async () => {
    const gray = join(work, 'gray.png');
    writeFileSync(gray, await sharp(readFileSync(photo)).toColourspace('b-w').png().withDensity(300).toBuffer());
    expect((await sharp(readFileSync(gray)).metadata()).channels).toBe(1);
    images = new PageImages(join(work, 'out-gray'), dpi, { script });
    const png = await images.picture(sha(5), gray, { ...frame, dpi: 300 });
    const image = decode(png);
    expect(image.channels).toBe(3);
    expect(image.width).toBe(Math.round((prepared.gray.width * dpi) / 300));
    for (let p = 0; p < image.width * image.height; p += 97) {
      expect(image.data[p * 3]).toBe(image.data[p * 3 + 1]);
      expect(image.data[p * 3]).toBe(image.data[p * 3 + 2]);
    }
  });

  it('refuses a picture too large to draw at the desk resolution, keeping nothing, and goes on drawing the next', async () => {
    // 3000 × 3000 at a stated 100 dpi: 3300 × 3300 pixels at the desk's 110, over the limit.
    const huge = join(work, 'huge.png');
    writeFileSync(
      huge,
      await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#ffffff' } })
        .png()
        .withDensity(100)
        .toBuffer(),
    );
    expect(3300 * 3300).toBeGreaterThan(maxPicturePagePixels);
    const out = join(work, 'out-huge');
    images = new PageImages(out, dpi, { script });
    await expect(images.picture(sha(6), huge)).rejects.toThrow(/3300×3300/);
    expect(existsSync(join(out, pageImageFolder, `${sha(6)}-1-${dpi}.png`))).toBe(false);
    expect(readdirSync(join(out, pageImageFolder))).toEqual([]);
    await expect(images.picture(sha(7), join(work, 'photo.jpg'), frame)).resolves.toBeInstanceOf(Buffer);
    expect(images.rendered).toBe(1);
  });
});
