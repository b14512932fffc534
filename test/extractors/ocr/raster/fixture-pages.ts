/**
 * Fixture PDF pages rendered at 200 dpi with the project's PDFium backend, as the OCR path renders
 * a scanned page, with the born-digital page's own ruling lines (merged, scaled to pixels) to
 * check the raster ruling finder against. Each page is rendered once per test file.
 */
import { readFileSync } from 'node:fs';
import { defaultReadLimits } from '../../../../extractors/model/limits.js';
import type { RgbaImage } from '../../../../extractors/ocr/raster/image.js';
import type { PixelRulings } from '../../../../extractors/ocr/raster/prepare.js';
import { loadPdfBackend } from '../../../../extractors/pdf/engines.js';
import { mergeRulings } from '../../../../extractors/pdf/ruling-shapes.js';

export const DPI = 200;

export interface FixturePage {
  image: RgbaImage;
  /** The PDF's own rulings in pixels of `image`. */
  rulings: PixelRulings;
}

const cache = new Map<string, Promise<FixturePage>>();

/** Page `page` of fixtures/`path` at 200 dpi. The RGBA buffer is shared: copy before drawing on it. */
export function fixturePage(path: string, page: number): Promise<FixturePage> {
  const key = `${path}#${page}`;
  let found = cache.get(key);
  if (!found) {
    found = render(path, page);
    cache.set(key, found);
  }
  return found;
}

async function render(path: string, page: number): Promise<FixturePage> {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url)));
  const backend = await loadPdfBackend('pdfium');
  const source = await backend.open(bytes, defaultReadLimits);
  try {
    const scale = DPI / 72;
    const image = await source.render(page, scale);
    const pdfPage = await source.page(page);
    const merged = mergeRulings(await pdfPage.rulings());
    pdfPage.close();
    return {
      image: { width: image.width, height: image.height, data: new Uint8Array(image.data) },
      rulings: {
        horizontal: merged.horizontal.map((h) => ({ y: h.y * scale, x1: h.x1 * scale, x2: h.x2 * scale })),
        vertical: merged.vertical.map((v) => ({ x: v.x * scale, y1: v.y1 * scale, y2: v.y2 * scale })),
      },
    };
  } finally {
    await source.close();
  }
}

export function copyOf(image: RgbaImage): RgbaImage {
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}
