/** Bad PDFs become Rejections with the right code and a Chinese message; unmapped text becomes a problem. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { isRejection, type RejectionCode } from '../../../extractors/model/rejection.js';
import { isPdfjsLeftover } from '../../../extractors/pdf/load.js';
import { readPdf } from '../../../extractors/pdf/reader.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url)));

/**
 * A minimal one-page PDF with a correct xref. Objects 5… are the given font objects; `fonts` is the
 * page's font resource dictionary naming them.
 */
function handmadePdf(fontObjects: string[], content: string, fonts = '<< /F1 5 0 R >>'): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font ${fonts} >> /Contents 4 0 R >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...fontObjects,
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A CID font with Identity-H encoding and no ToUnicode map, not embedded: pdf.js can only echo glyph ids. */
const unmappedFont = [
  '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>',
  '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>',
  '<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>',
];
const helvetica = ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
/** Glyph ids 0x0105 … 0x0111 as two-byte codes: what a subset CJK font without ToUnicode yields. */
const glyphIds = '<0105010601070108010901100111>';

async function rejectionOf(
  bytes: Uint8Array,
  limits = defaultReadLimits,
): Promise<{ code: RejectionCode; message: string }> {
  try {
    await readPdf(bytes, limits);
  } catch (error) {
    if (isRejection(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the PDF was read without a rejection');
}

const chinese = /[\p{Script=Han}]/u;

describe('PDFs that cannot be read', () => {
  it('rejects a PDF with an open password as encrypted', async () => {
    const { code, message } = await rejectionOf(fixture('bad/encrypted.pdf'));
    expect(code).toBe('encrypted');
    expect(message).toMatch(chinese);
  });

  it('rejects a scan with more image pages than OCR may read as too large, naming both numbers', async () => {
    // bad/scanned.pdf: three page images, no text. The limit is checked before any page is recognised.
    const { code, message } = await rejectionOf(fixture('bad/scanned.pdf'), { ...defaultReadLimits, maxOcrPages: 2 });
    expect(code).toBe('too-large');
    expect(message).toContain('3页需要文字识别');
    expect(message).toContain('2页上限');
  });

  it('rejects a page with nothing drawn on it as having no text layer', async () => {
    expect((await rejectionOf(handmadePdf(helvetica, 'q Q'))).code).toBe('no-text-layer');
  });

  it('rejects a scan whose only text is a scanner app stamp as having no text layer', async () => {
    expect((await rejectionOf(handmadePdf(helvetica, 'BT /F1 6 Tf 520 20 Td (CS) Tj ET'))).code).toBe('no-text-layer');
  });

  it('rejects bytes that are not a PDF at all as a corrupt file', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    const { code, message } = await rejectionOf(garbage);
    expect(code).toBe('corrupt-file');
    expect(message).toMatch(chinese);
  });

  it('rejects a plain text file named .pdf as a corrupt file', async () => {
    expect((await rejectionOf(fixture('bad/text-renamed.pdf'))).code).toBe('corrupt-file');
  });

  it('rejects the seed PDF cut short before its cross-reference table as a corrupt file', async () => {
    const seed = fixture('samples/pingdeng-2023.pdf');
    expect((await rejectionOf(seed.slice(0, Math.floor(seed.length * 0.3)))).code).toBe('corrupt-file');
  });

  it('rejects a PDF with more pages than the limit as too large, naming both numbers', async () => {
    const { code, message } = await rejectionOf(fixture('samples/pingdeng-2023.pdf'), {
      ...defaultReadLimits,
      maxPages: 10,
    });
    expect(code).toBe('too-large');
    expect(message).toContain('11');
    expect(message).toContain('10');
  });

  it('rejects a PDF whose text is almost all unmapped glyphs like a scan', async () => {
    const { code, message } = await rejectionOf(handmadePdf(unmappedFont, `BT /F1 12 Tf 72 760 Td ${glyphIds} Tj ET`));
    expect(code).toBe('no-text-layer');
    expect(message).toContain('Unicode');
  });
});

describe('PDFs with some unmapped text', () => {
  it('records unmapped glyphs as a problem with the page, and keeps the readable text', async () => {
    const content = [
      'BT /F2 12 Tf 72 760 Td (Income 8018600 yuan, expenditure 8018600 yuan, carryover none.) Tj ET',
      `BT /F1 12 Tf 72 700 Td ${glyphIds} Tj ET`,
    ].join('\n');
    // Objects 5–7 are the unmapped CID font, object 8 is Helvetica for the readable line.
    const bytes = handmadePdf([...unmappedFont, helvetica[0]!], content, '<< /F1 5 0 R /F2 8 0 R >>');
    const model = await readPdf(bytes, defaultReadLimits);
    expect(model.problems).toHaveLength(1);
    expect(model.problems[0]).toMatchObject({
      code: 'unmapped-glyphs',
      path: null,
      location: { page: 1, paragraph: 0 },
    });
    expect(model.problems[0]!.message).toContain('第1页有7个字符');
    const texts = model.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    expect(texts.join('\n')).toContain('Income 8018600 yuan');
  });
});

describe('promises pdf.js leaves without a handler', () => {
  it('do not take down the process that read a PDF with a damaged page tree', () => {
    // A child process without listeners of its own, as in a pipeline worker (vitest would report
    // any unhandled rejection itself). Runs the built reader, as the CLI does.
    const script = [
      "import { readFileSync } from 'node:fs';",
      "const { readPdf } = await import('./dist/extractors/pdf/reader.js');",
      "const { defaultReadLimits } = await import('./dist/extractors/model/limits.js');",
      "const bytes = new Uint8Array(readFileSync('fixtures/hostile/files/fuzz-xref-late-rejection.pdf'));",
      'const model = await readPdf(bytes, defaultReadLimits);',
      'await new Promise((resolve) => setTimeout(resolve, 300));',
      "process.stdout.write(String(model.blocks.length) + ' blocks');",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toContain('Unhandled');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\d+ blocks$/);
  });

  it('are told apart from other rejections, which keep their default effect', () => {
    const leftover = Object.assign(new Error('Bad (uncompressed) XRef entry: 13R'), { name: 'XRefEntryException' });
    leftover.stack = `XRefEntryException: Bad\n    at file:///x/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs:6152:29`;
    expect(isPdfjsLeftover(leftover)).toBe(true);
    expect(isPdfjsLeftover(Object.assign(new Error('x'), { name: 'XRefEntryException' }))).toBe(false);
    expect(isPdfjsLeftover(new TypeError('boom'))).toBe(false);
    expect(isPdfjsLeftover('XRefEntryException')).toBe(false);
  });
});
