/**
 * The engine interface (extractors/pdf/backend.ts) on hand-written PDFs, both engines side by side:
 * page size with CropBox and every /Rotate, text runs (glyphs grouped into runs), rulings drawn as
 * stroked lines, stroked and thin filled rectangles and lines inside a form XObject; PDFium's error
 * codes as rejection codes; page rendering; PDFium's heap staying flat across files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { isRejection } from '../../../extractors/model/rejection.js';
import type { PdfEngine } from '../../../extractors/pdf/backend.js';
import { loadPdfBackend } from '../../../extractors/pdf/engines.js';
import type { Rulings } from '../../../extractors/pdf/geometry.js';
import { heapCap, pdfiumHeap, recycling, viewportTransform } from '../../../extractors/pdf/pdfium-backend.js';
import { readPdf } from '../../../extractors/pdf/reader.js';
import { mergeRulings } from '../../../extractors/pdf/ruling-shapes.js';
import { buildPdf, helveticaFont, streamBody } from '../../../fixtures/hostile/pdf-writer.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url)));

/**
 * One page: MediaBox 600×800 with a CropBox inset (50,100)–(550,700), the given /Rotate, two lines
 * of Helvetica, a table frame (stroked rectangle), an inner rule drawn as a line, a thin filled
 * rectangle, a white line (not a rule), and a form XObject (moved by its /Matrix) holding one more rule.
 */
function geometryPdf(rotate: number): Buffer {
  const content = [
    'BT /F1 12 Tf 1 0 0 1 100 600 Tm (Hello World) Tj ET',
    'BT /F1 10 Tf 1 0 0 1 100 580 Tm (Second line 2023) Tj ET',
    '0 0 0 RG 1 w 100 300 300 200 re S',
    '100 400 m 400 400 l S',
    '0 0 0 rg 250 300 1 200 re f',
    '1 1 1 RG 100 450 m 400 450 l S',
    'q 1 0 0 1 100 200 cm /Fm1 Do Q',
  ].join('\n');
  const form = streamBody(
    '/Type /XObject /Subtype /Form /BBox [0 0 400 400] /Matrix [1 0 0 1 0 50]',
    '0 0 0 RG 0 0 m 300 0 l S',
  );
  return buildPdf(
    [
      { id: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { id: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      {
        id: 3,
        body: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /CropBox [50 100 550 700] /Rotate ${rotate} /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 4 0 R >>`,
      },
      { id: 4, body: streamBody('', content) },
      { id: 5, body: helveticaFont },
      { id: 6, body: form },
    ],
    { rootId: 1 },
  );
}

const round = (value: number) => Math.round(value * 2) / 2;

function roundRulings(rulings: Rulings) {
  const merged = mergeRulings(rulings);
  return {
    horizontal: merged.horizontal.map((h) => [round(h.y), round(h.x1), round(h.x2)]).sort(),
    vertical: merged.vertical.map((v) => [round(v.x), round(v.y1), round(v.y2)]).sort(),
  };
}

async function pageOf(engine: PdfEngine, bytes: Uint8Array) {
  const backend = await loadPdfBackend(engine);
  const source = await backend.open(bytes, defaultReadLimits);
  try {
    const page = await source.page(1);
    try {
      return {
        width: page.width,
        height: page.height,
        runs: page.text.runs.map((r) => ({ text: r.text.trim(), x: round(r.x), y: round(r.y), size: round(r.size) })),
        rulings: roundRulings(await page.rulings()),
      };
    } finally {
      page.close();
    }
  } finally {
    await source.close();
  }
}

describe('page geometry on both engines', () => {
  it('puts text, size and rulings where the cropped, upright page has them (no /Rotate)', async () => {
    const page = await pageOf('pdfium', geometryPdf(0));
    expect([page.width, page.height]).toEqual([500, 600]);
    // Baseline y = 700 − 600; x = 100 − 50.
    expect(page.runs).toEqual([
      { text: 'Hello World', x: 50, y: 100, size: 12 },
      { text: 'Second line 2023', x: 50, y: 120, size: 10 },
    ]);
    expect(page.rulings).toEqual({
      // Frame top/bottom (y 500, 300 → 200, 400), the inner line (400 → 300), the form's line (250 → 450); not the white one.
      horizontal: [
        [200, 50, 350],
        [300, 50, 350],
        [400, 50, 350],
        [450, 50, 350],
      ].sort(),
      // Frame sides and the thin filled rectangle at x 250.5.
      vertical: [
        [200.5, 200, 400],
        [350, 200, 400],
        [50, 200, 400],
      ].sort(),
    });
  });

  for (const rotate of [0, 90, 180, 270]) {
    it(`gives the same page as pdf.js with /Rotate ${rotate}`, async () => {
      const bytes = new Uint8Array(geometryPdf(rotate));
      const pdfium = await pageOf('pdfium', bytes);
      const pdfjs = await pageOf('pdfjs', bytes);
      expect(pdfium.rulings).toEqual(pdfjs.rulings);
      expect([pdfium.width, pdfium.height]).toEqual([pdfjs.width, pdfjs.height]);
      expect(pdfium.runs).toEqual(pdfjs.runs);
      if (rotate % 180 === 90) expect([pdfium.width, pdfium.height]).toEqual([600, 500]);
    });
  }

  it('computes pdf.js viewport transforms', () => {
    expect(viewportTransform([0, 0, 595, 842], 0).transform).toEqual([1, 0, 0, -1, 0, 842]);
    expect(viewportTransform([0, 0, 595, 842], 90)).toEqual({ transform: [0, 1, 1, 0, 0, 0], width: 842, height: 595 });
  });
});

describe('PDFium errors as rejections (no fallback)', () => {
  async function pdfiumRejection(bytes: Uint8Array): Promise<string> {
    const backend = await loadPdfBackend('pdfium');
    try {
      const source = await backend.open(bytes, defaultReadLimits);
      await source.close();
    } catch (error) {
      const rejection = backend.toRejection(error);
      if (isRejection(rejection)) return rejection.code;
      throw error;
    }
    return 'opened';
  }

  it('maps a password (FPDF_ERR_PASSWORD) to encrypted and a format error to corrupt-file', async () => {
    expect(await pdfiumRejection(fixture('bad/encrypted.pdf'))).toBe('encrypted');
    expect(await pdfiumRejection(fixture('bad/text-renamed.pdf'))).toBe('corrupt-file');
    expect(await pdfiumRejection(new Uint8Array(0))).toBe('corrupt-file');
    expect(await pdfiumRejection(fixture('samples/pingdeng-2023.pdf'))).toBe('opened');
  });

  it('reports a file whose pages PDFium cannot load, and readPdf then reads it with pdf.js', async () => {
    const bytes = fixture('hostile/files/fuzz-xref-late-rejection.pdf');
    const backend = await loadPdfBackend('pdfium');
    const source = await backend.open(bytes, defaultReadLimits);
    try {
      await expect(source.page(2)).rejects.toMatchObject({ code: 'corrupt-file' });
    } finally {
      await source.close();
    }
    const model = await readPdf(bytes, defaultReadLimits);
    expect(model.pageCount).toBe(11);
  });
});

describe('rendering and memory (PDFium)', () => {
  it('renders a page to RGBA: ink on the rules and the text, white elsewhere', async () => {
    const backend = await loadPdfBackend('pdfium');
    const source = await backend.open(new Uint8Array(geometryPdf(0)), defaultReadLimits);
    try {
      const bitmap = await source.render(1, 2);
      expect([bitmap.width, bitmap.height]).toEqual([1000, 1200]);
      expect(bitmap.data.length).toBe(1000 * 1200 * 4);
      const pixel = (x: number, y: number) =>
        Array.from(bitmap.data.subarray((y * 1000 + x) * 4, (y * 1000 + x) * 4 + 4));
      // The frame's left side at x = 50 pt, halfway down the frame (y = 300 pt): dark.
      expect(pixel(100, 600)[0]).toBeLessThan(128);
      // Inside a cell, away from every line: white and opaque.
      expect(pixel(300, 500)).toEqual([255, 255, 255, 255]);
      let ink = 0;
      // The text's band (baseline y = 100 pt, 12 pt high).
      for (let y = 180; y < 200; y++) for (let x = 100; x < 300; x++) if (bitmap.data[(y * 1000 + x) * 4]! < 128) ink++;
      expect(ink).toBeGreaterThan(100);
    } finally {
      await source.close();
    }
  });

  it('gives its heap back between files: no growth over 15 reads of an eleven-page report', async () => {
    const bytes = fixture('samples/pingdeng-2023.pdf');
    const limits = { ...defaultReadLimits, pdfEngine: 'pdfium' as const };
    for (let i = 0; i < 3; i++) await readPdf(bytes, limits);
    const settled = await pdfiumHeap();
    for (let i = 0; i < 12; i++) await readPdf(bytes, limits);
    const after = await pdfiumHeap();
    expect(after.heapBytes).toBe(settled.heapBytes);
    expect(after.files).toBe(settled.files + 12);
  }, 120_000);

  it('replaces its instance after the configured number of files, or when the heap stays large', async () => {
    const bytes = fixture('samples/pingdeng-2023.pdf');
    const limits = { ...defaultReadLimits, pdfEngine: 'pdfium' as const };
    const saved = { ...recycling };
    try {
      await readPdf(bytes, limits);
      const before = await pdfiumHeap();
      recycling.files = 2;
      for (let i = 0; i < 4; i++) await readPdf(bytes, limits);
      const after = await pdfiumHeap();
      expect(after.instances).toBeGreaterThan(before.instances);
      expect(after.files).toBeLessThan(2);
      recycling.files = saved.files;
      recycling.heapBytes = 1;
      await readPdf(bytes, limits);
      expect((await pdfiumHeap()).instances).toBe(after.instances + 1);
      // The fresh instance reads as well as the first.
      expect((await readPdf(bytes, limits)).blocks.length).toBeGreaterThan(10);
    } finally {
      Object.assign(recycling, saved);
    }
  }, 120_000);
});

describe('the heap cap (PDFium)', () => {
  it('refuses a file that needs more heap than the cap as too large (never via pdf.js), then reads on', async () => {
    const bytes = fixture('samples/pingdeng-2023.pdf');
    const limits = { ...defaultReadLimits, pdfEngine: 'pdfium' as const };
    const saved = heapCap.bytes;
    const savedHeap = recycling.heapBytes;
    try {
      // A fresh instance (its heap starts at 16 MiB) that may grow to 17 MiB: too little for this report.
      recycling.heapBytes = 1;
      await readPdf(bytes, limits);
      heapCap.bytes = 17 * 1024 * 1024;
      const rejection = await readPdf(bytes, limits).catch((error: unknown) => error);
      expect(isRejection(rejection) && rejection.code).toBe('too-large');
    } finally {
      heapCap.bytes = saved;
      recycling.heapBytes = savedHeap;
    }
    expect((await readPdf(bytes, limits)).blocks.length).toBeGreaterThan(10);
  }, 120_000);
});

describe('glyph-by-glyph text', () => {
  it('gives whole lines on both engines when every glyph is its own text object', async () => {
    const line = 'Income 8018600 yuan, expenditure 8018600 yuan.';
    // Helvetica advance widths are not needed: a fixed 7 pt step (wider than most glyphs, under 0.3 em of gap).
    const glyphs = [...line]
      .map((ch, i) => (ch === ' ' ? '' : `BT /F1 12 Tf 1 0 0 1 ${72 + i * 7} 700 Tm (${ch}) Tj ET`))
      .filter(Boolean)
      .join('\n');
    const bytes = buildPdf(
      [
        { id: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { id: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
        {
          id: 3,
          body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
        },
        { id: 4, body: helveticaFont },
        { id: 5, body: streamBody('', glyphs) },
      ],
      { rootId: 1 },
    );
    const texts = async (pdfEngine: PdfEngine) =>
      (await readPdf(new Uint8Array(bytes), { ...defaultReadLimits, pdfEngine })).blocks.map((b) =>
        b.kind === 'paragraph' ? b.text : '',
      );
    const pdfium = await texts('pdfium');
    expect(pdfium).toHaveLength(1);
    expect(pdfium[0]!.replace(/\s+/g, '')).toBe(line.replace(/\s+/g, ''));
    expect((await texts('pdfjs')).map((t) => t.replace(/\s+/g, ''))).toEqual(pdfium.map((t) => t.replace(/\s+/g, '')));
  });
});
