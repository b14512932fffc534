/**
 * PDF page images for the desk: drawn by PDFium in a worker thread, once, and kept in
 * DIR/page-images/; a page whose Chinese text is in a font the PDF does not embed is drawn by
 * poppler instead (PDFium's WASM build has no system fonts and would leave the characters out).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import type { GrayImage } from '../../../extractors/ocr/raster/image.js';
import { textLineDirection } from '../../../extractors/ocr/raster/orientation.js';
import { preparePage, rotateQuarter } from '../../../extractors/ocr/raster/prepare.js';
import { loadPdfBackend } from '../../../extractors/pdf/engines.js';
import { scanSpec } from '../../../fixtures/build/scans/scan-specs.js';
import { PageImages, pageImageFolder } from '../../../pipeline/serve/page-images.js';
import { repoRoot } from '../cli/support/cli.js';
import { scanPath } from '../cli/support/scans.js';

const script = new URL('../../../dist/pipeline/serve/page-image-worker.js', import.meta.url);
const dpi = 72;
let work: string;
let images: PageImages;

/**
 * A one-page A4 PDF whose only text, 「平等乡总编制31名」 at 24 pt from (72, 700), is in STSong-Light
 * (Adobe-GB1), named and not embedded — as an office suite writes it when told not to embed fonts.
 */
function pdfWithUnembeddedChineseFont(): Buffer {
  const text = [...'平等乡总编制31名'].map((char) => char.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  const content = `BT /F1 24 Tf 72 700 Td <${text}> Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Dark pixels (any channel below 128) in the rectangle [x0, x1) × [y0, y1) of a decoded PNG. */
function inkIn(png: Buffer, x0: number, y0: number, x1: number, y1: number): number {
  const image = decode(png);
  const channels = image.channels;
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * image.width + x) * channels;
      if (image.data[at]! < 128 || image.data[at + 1]! < 128 || image.data[at + 2]! < 128) dark++;
    }
  }
  return dark;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'page-images-'));
  copyFileSync(join(repoRoot, 'fixtures', 'samples', 'pingdeng-2023.pdf'), join(work, 'pingdeng.pdf'));
  writeFileSync(join(work, 'unembedded.pdf'), pdfWithUnembeddedChineseFont());
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

afterEach(async () => {
  await images?.close();
});

const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** The gray of a decoded RGB PNG (its first channel: the pages drawn here are black on white). */
function grayOf(png: Buffer): GrayImage {
  const image = decode(png);
  const data = new Uint8Array(image.width * image.height);
  for (let p = 0; p < data.length; p++) data[p] = image.data[p * image.channels]!;
  return { width: image.width, height: image.height, data };
}

describe('PageImages', () => {
  it('draws a page read by OCR upright and straight, as it was read, so that the boxes of its findings fall on their figures', async () => {
    // A form scanned a quarter turn off and 1° skewed: its OCR boxes stand in the upright frame.
    const file = await scanPath(scanSpec('project-guantang-2023-renju.turned'));
    const backend = await loadPdfBackend('pdfium');
    const document = await backend.open(new Uint8Array(readFileSync(file)), defaultReadLimits);
    const rendered = await document.render(1, 200 / 72);
    await document.close();
    const prepared = preparePage({
      width: rendered.width,
      height: rendered.height,
      data: new Uint8Array(rendered.data),
    });
    expect(prepared.frame.quarterTurn).toBe(true);

    const out = join(work, 'out-ocr');
    images = new PageImages(out, dpi, { script });
    const plain = grayOf(await images.get(sha(7), file, 1));
    // The quarter turn leaves this page upside down; the recogniser settles that (upsideDown in its record).
    const frame = { ...prepared.frame, upsideDown: true, dpi: 200 };
    const asRead = grayOf(await images.get(sha(7), file, 1, frame));
    expect(textLineDirection(plain).vertical).toBe(true);
    expect(textLineDirection(asRead).vertical).toBe(false);
    // The frame of the OCR boxes, in points: the prepared image's pixels × 72 / 200.
    expect(asRead.width).toBe(Math.round((prepared.gray.width * dpi) / 200));
    expect(asRead.height).toBe(Math.round((prepared.gray.height * dpi) / 200));
    // Ink where the prepared page has ink: the rows of text fall on the same lines.
    const inkRows = (image: GrayImage, rows: number): number[] =>
      Array.from({ length: rows }, (_, band) => {
        const y0 = Math.floor((band * image.height) / rows);
        const y1 = Math.floor(((band + 1) * image.height) / rows);
        let dark = 0;
        for (let i = y0 * image.width; i < y1 * image.width; i++) if (image.data[i]! < 128) dark++;
        return dark / ((y1 - y0) * image.width);
      });
    // Upright: the form (title, then the table) at the top of the page, the blank half below.
    const bands = inkRows(asRead, 10);
    expect(bands.slice(0, 3).reduce((a, b) => a + b)).toBeGreaterThan(10 * bands.slice(7).reduce((a, b) => a + b));
    const expected = inkRows(rotateQuarter(prepared.gray, 2), 40);
    const drawn = inkRows(asRead, 40);
    const inkyBands = expected.map((share, band) => [share > 0.01, drawn[band]! > 0.01]);
    expect(inkyBands.filter(([a, b]) => a === b).length).toBeGreaterThanOrEqual(36);
    expect(readdirSync(join(out, pageImageFolder)).sort()).toEqual([
      `${sha(7)}-1-${dpi}-ocr.png`,
      `${sha(7)}-1-${dpi}.png`,
    ]);
  });

  it('draws a page with PDFium once, keeps it in page-images/ and serves the copy after', async () => {
    const out = join(work, 'out-once');
    images = new PageImages(out, dpi, { script });
    const file = join(work, 'pingdeng.pdf');
    // Three requests at once for one page: one drawing.
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => images.get(sha(1), file, 1)));
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(images.rendered).toBe(1);
    expect(images.renderedByPoppler).toBe(0);
    const image = decode(first!);
    // A4 at 72 dpi: one pixel a point.
    expect(image.width).toBe(595);
    expect(image.height).toBe(842);
    // The title line 「平等乡人民政府部门整体绩效自评报告」 has ink; the top margin has none.
    expect(inkIn(first!, 100, 150, 500, 190)).toBeGreaterThan(200);
    expect(inkIn(first!, 0, 0, 595, 60)).toBe(0);
    expect(readdirSync(join(out, pageImageFolder))).toEqual([`${sha(1)}-1-${dpi}.png`]);
    // A new instance (a restarted desk) reads the kept image instead of drawing it again.
    await images.close();
    images = new PageImages(out, dpi, { script });
    expect(await images.get(sha(1), file, 1)).toEqual(first);
    expect(images.rendered).toBe(0);
  });

  it('fails for a page the PDF does not have, keeping nothing, and goes on drawing the next', async () => {
    const out = join(work, 'out-missing');
    images = new PageImages(out, dpi, { script });
    const file = join(work, 'pingdeng.pdf');
    await expect(images.get(sha(2), file, 99)).rejects.toThrow(/page 99/);
    expect(existsSync(join(out, pageImageFolder, `${sha(2)}-99-${dpi}.png`))).toBe(false);
    await expect(images.get(sha(2), file, 2)).resolves.toBeInstanceOf(Buffer);
    expect(images.rendered).toBe(1);
  });

  it('has poppler draw a page whose Chinese text is in a font the PDF does not embed', async () => {
    const file = join(work, 'unembedded.pdf');
    // PDFium names the font and, without it, draws no Chinese characters (only the built-in digits).
    const backend = await loadPdfBackend('pdfium');
    const document = await backend.open(new Uint8Array(readFileSync(file)), defaultReadLimits);
    try {
      const rendered = await document.render(1, 1);
      expect(rendered.unembeddedFonts).toEqual(['STSong-Light']);
    } finally {
      await document.close();
    }
    images = new PageImages(join(work, 'out-unembedded'), dpi, { script });
    const png = await images.get(sha(3), file, 1);
    expect(images.renderedByPoppler).toBe(1);
    // 「平等乡总编制」 is the first six characters from x = 72 on the baseline 842 - 700 = 142 px down.
    expect(inkIn(png, 72, 118, 72 + 6 * 24, 148)).toBeGreaterThan(300);
  });

  it('reports no unembedded fonts for a PDF that embeds its fonts', async () => {
    const backend = await loadPdfBackend('pdfium');
    const document = await backend.open(new Uint8Array(readFileSync(join(work, 'pingdeng.pdf'))), defaultReadLimits);
    try {
      expect((await document.render(1, 0.25)).unembeddedFonts).toEqual([]);
    } finally {
      await document.close();
    }
  });
});
