/**
 * A page image → its OCR page record: made ready (raster/prepare.ts: upright, deskewed, seal
 * suppressed), recognised (engine/pp-ocr.ts, which also turns an upside-down page), its ruling lines
 * found in the raster, and everything converted from pixels to the PDF reader's points
 * (px × 72 / dpi), so that the page goes through the same layout steps as a born-digital one.
 * With a cache (the store's), a page recognised before is not recognised again.
 */
import type { Rulings } from '../pdf/geometry.js';
import { ocrEngineId, recognisePageApart } from './engine/ocr-process.js';
import type { OcrCache, OcrPageRecord, OcrTextBox } from './ocr-page.js';
import type { RgbaImage } from './raster/image.js';
import { findRulings, type PixelRulings, preparePage, rotateQuarter } from './raster/prepare.js';

export { ocrEngineId };

/** Resolution pages are rendered at for OCR: 200 dpi keeps 10.5 pt text about 29 px high. */
export const ocrDpi = 200;

/*
 * A detected box runs a little beyond the glyphs (the detector's unclip). The em of the text is
 * about 0.8 of the box's height, and the baseline sits where the reader's runCenter (geometry.ts:
 * 0.35 em above the baseline) puts the centre of the box.
 */
const EM_OF_BOX = 0.8;
const CENTRE_ABOVE_BASELINE = 0.35;

const rounded = (p: number): number => Math.round(p * 1000) / 1000;

function toPoints(rulings: PixelRulings, k: number): Rulings {
  return {
    horizontal: rulings.horizontal.map((r) => ({ y: r.y * k, x1: r.x1 * k, x2: r.x2 * k })),
    vertical: rulings.vertical.map((r) => ({ x: r.x * k, y1: r.y1 * k, y2: r.y2 * k })),
  };
}

/** Recognises one page image rendered or scanned at `dpi`. */
export async function recognisePageImage(image: RgbaImage, page: number, dpi: number): Promise<OcrPageRecord> {
  const prepared = preparePage(image, page);
  const recognised = await recognisePageApart(prepared.gray);
  const gray = recognised.turned ? rotateQuarter(prepared.gray, 2) : prepared.gray;
  const k = 72 / dpi;
  const boxes: OcrTextBox[] = recognised.boxes.map((box) => {
    const size = (box.bottom - box.top) * k * EM_OF_BOX;
    return {
      text: box.text,
      x: box.left * k,
      y: ((box.top + box.bottom) / 2) * k + CENTRE_ABOVE_BASELINE * size,
      width: (box.right - box.left) * k,
      size,
      confidence: rounded(box.confidence),
      characters: box.characters.map(rounded),
      doubts: box.doubts.map((doubt) => ({ ...doubt, p: rounded(doubt.p) })),
    };
  });
  const notes = [...prepared.notes];
  if (recognised.turned) notes.push(`第${page}页图像上下颠倒，已转正后识别`);
  return {
    engine: ocrEngineId,
    width: gray.width * k,
    height: gray.height * k,
    boxes,
    rulings: toPoints(findRulings(gray), k),
    notes,
    frame: { ...prepared.frame, upsideDown: recognised.turned, dpi },
  };
}

/**
 * `recognisePageImage` through the cache: `render` is called only when the page is not cached, and
 * then only after `turn` (the file's turn at the OCR engine, ReadOptions.ocrTurn) has come.
 */
export async function recognisePageCached(
  page: number,
  render: () => Promise<{ image: RgbaImage; dpi: number }>,
  cache: { cache: OcrCache; sha256: string } | undefined,
  turn?: () => Promise<void>,
): Promise<OcrPageRecord> {
  const cached = cache ? await cache.cache.get(cache.sha256, page, ocrEngineId) : undefined;
  if (cached) return cached;
  await turn?.();
  const { image, dpi } = await render();
  const record = await recognisePageImage(image, page, dpi);
  if (cache) await cache.cache.put(cache.sha256, page, ocrEngineId, record);
  return record;
}
