/** The format the pipeline records comes from the one detector: bytes decide, never the name. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { archiveExtension, sniffFormat } from '../../../extractors/format/sniff-format.js';

const text = (value: string) => new Uint8Array(Buffer.from(value, 'latin1'));

describe('sniffFormat', () => {
  it('calls a real DOCX docx and a real PDF pdf', () => {
    expect(sniffFormat(readFileSync('fixtures/samples/baiyang-2023.docx'))).toBe('docx');
    expect(sniffFormat(readFileSync('fixtures/samples/baiyang-2023.pdf'))).toBe('pdf');
  });

  it('calls a PDF named .docx pdf', () => {
    expect(sniffFormat(readFileSync('fixtures/bad/pdf-named.docx'))).toBe('pdf');
  });

  it('finds a PDF header after junk bytes, as the detector does', () => {
    expect(sniffFormat(text('\n\njunk %PDF-1.4\n1 0 obj'))).toBe('pdf');
  });

  it('calls a zip docx by its Word parts, xlsx by its Excel parts, and neither otherwise', () => {
    expect(sniffFormat(text('PK\x03\x04\x14\x00xl/workbook.xml'))).toBe('xlsx');
    expect(sniffFormat(text('PK\x03\x04\x14\x00word/document.xml'))).toBe('docx');
    expect(sniffFormat(text('PK\x03\x04\x14\x00ppt/presentation.xml'))).toBeNull();
  });

  it('does not call Word parts outside a zip docx', () => {
    expect(sniffFormat(text('plain text naming word/document.xml'))).toBeNull();
    expect(sniffFormat(new Uint8Array(0))).toBeNull();
  });
});

describe('archiveExtension', () => {
  it('prefers the detected format, then a plain extension, then bin', () => {
    expect(archiveExtension('pdf', 'report.docx')).toBe('pdf');
    expect(archiveExtension(null, 'legacy.DOC')).toBe('doc');
    expect(archiveExtension(null, 'odd.name.with space!')).toBe('bin');
  });
});
