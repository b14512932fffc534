/** Format detection reads the bytes, never the name: signatures, OLE2 stream names, text sniffing. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, type FileFormat, unsupportedFormatMessages } from '../../../extractors/format/detect-format.js';
import { isWorkbookPackage } from '../../../extractors/format/office-package.js';
import { writeCompoundFile } from '../docx/docx-test-cfb.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string, encoding: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(value, encoding));
const withTail = (head: Uint8Array, size = 64) => {
  const out = new Uint8Array(Math.max(size, head.length));
  out.set(head);
  return out;
};

/** A BMP header: "BM", file size, reserved, pixel offset, then the 40-byte BITMAPINFOHEADER size. */
function bmpHeader(): Uint8Array {
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  return new Uint8Array(header);
}

const cases: [string, Uint8Array, FileFormat][] = [
  ['no bytes at all', new Uint8Array(0), 'empty'],
  ['only spaces, tabs and newlines', text('  \r\n\t \n'), 'empty'],
  ['a UTF-8 byte-order mark and a newline', bytes(0xef, 0xbb, 0xbf, 0x0a), 'empty'],
  ['NUL padding', new Uint8Array(512), 'empty'],
  ['a PDF header', text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
  ['a PDF header after junk bytes, as Acrobat tolerates', text('\n\n\ufeffjunk %PDF-1.4\n1 0 obj'), 'pdf'],
  ['a zip local file header', withTail(text('PK\x03\x04')), 'zip'],
  ['an empty zip', withTail(text('PK\x05\x06'), 22), 'zip'],
  ['a PNG', withTail(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), 'image'],
  ['a JPEG', withTail(bytes(0xff, 0xd8, 0xff, 0xe0)), 'image'],
  ['a GIF', withTail(text('GIF89a')), 'image'],
  ['a little-endian TIFF', withTail(bytes(0x49, 0x49, 0x2a, 0x00)), 'image'],
  ['a big-endian TIFF', withTail(bytes(0x4d, 0x4d, 0x00, 0x2a)), 'image'],
  ['a BMP', bmpHeader(), 'image'],
  ['a WebP', withTail(text('RIFF\x10\x00\x00\x00WEBPVP8 ')), 'image'],
  ['a phone photo in HEIC', withTail(text('\x00\x00\x00\x18ftypheic')), 'image'],
  ['a RAR archive', withTail(text('Rar!\x1a\x07\x00')), 'archive'],
  ['a gzip file', withTail(bytes(0x1f, 0x8b, 0x08)), 'archive'],
  ['an RTF document', text('{\\rtf1\\ansi\\ansicpg936 部门整体绩效自评报告}'), 'rtf'],
  ['an HTML page', text('<!DOCTYPE html><html><body>自评报告</body></html>'), 'html'],
  [
    'a Word "single file web page" (.mht)',
    text('MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"'),
    'html',
  ],
  ['an XML file', text('<?xml version="1.0"?><w:wordDocument/>'), 'xml'],
  ['plain UTF-8 Chinese text', text('平等乡人民政府部门整体绩效自评报告\n一、部门基本情况\n'), 'text'],
  ['plain GBK Chinese text', bytes(0xc6, 0xbd, 0xb5, 0xc8, 0xcf, 0xe7, 0x0d, 0x0a, 0xd7, 0xd4, 0xc6, 0xc0), 'text'],
  ['UTF-16 text with a byte-order mark', text('\ufeff自评报告', 'utf16le'), 'text'],
  ['text that starts like a BMP ("BMW")', text('BMW 车辆购置费 24.98万元'), 'text'],
  ['binary noise', bytes(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x41), 'unknown'],
  [
    'an OLE2 signature with nothing readable after it',
    withTail(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 4096),
    'ole2-other',
  ],
];

describe('detectFormat', () => {
  it.each(cases)('recognises %s', (_what, input, expected) => {
    expect(detectFormat(input)).toBe(expected);
  });

  it('tells a password-protected DOCX by its EncryptedPackage stream', () => {
    const file = writeCompoundFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage']);
    expect(detectFormat(file)).toBe('ole2-encrypted-ooxml');
  });

  it('tells a legacy Word document by its WordDocument stream', () => {
    expect(detectFormat(writeCompoundFile(['WordDocument', '1Table', '\u0005SummaryInformation']))).toBe('ole2-doc');
  });

  it('tells legacy Excel and PowerPoint files apart from Word', () => {
    expect(detectFormat(writeCompoundFile(['Workbook']))).toBe('ole2-xls');
    expect(detectFormat(writeCompoundFile(['PowerPoint Document', 'Current User']))).toBe('ole2-ppt');
  });

  it('still finds an EncryptedPackage stream when the FAT is damaged', () => {
    const file = writeCompoundFile(['EncryptionInfo', 'EncryptedPackage']);
    file.fill(0xee, 512, 1024); // the FAT sector
    expect(detectFormat(file)).toBe('ole2-encrypted-ooxml');
  });

  it('survives a directory chain that loops on itself', () => {
    const file = writeCompoundFile(['WordDocument']);
    file.writeUInt32LE(1, 512 + 4); // FAT: the directory sector points back to itself
    expect(detectFormat(file)).toBe('ole2-doc');
  });

  it('reads a real Word 97 .doc as a legacy Word document', () => {
    const legacy = new URL('../../../fixtures/bad/legacy.doc', import.meta.url);
    expect(detectFormat(readFileSync(legacy))).toBe('ole2-doc');
  });

  it('tells the formats LibreOffice and Works write by their streams: .xls, encrypted .xlsx, Works .wps', () => {
    const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));
    expect(detectFormat(fixture('formats/budget-execution.xls'))).toBe('ole2-xls');
    expect(detectFormat(fixture('bad/encrypted.xlsx'))).toBe('ole2-encrypted-ooxml');
    expect(detectFormat(fixture('bad/works.wps'))).toBe('ole2-wps');
    expect(detectFormat(writeCompoundFile(['CONTENTS', 'SPELLING']))).toBe('ole2-wps');
  });

  it('tells a workbook package from a Word package by its part names, whatever the file is called', () => {
    const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));
    expect(isWorkbookPackage(fixture('formats/budget-execution.xlsx'))).toBe(true);
    expect(isWorkbookPackage(fixture('formats/budget-execution.docx'))).toBe(false);
    expect(isWorkbookPackage(fixture('samples/pingdeng-2023.docx'))).toBe(false);
  });

  it('has a Chinese message for every unsupported format that says what to send instead', () => {
    for (const message of Object.values(unsupportedFormatMessages)) {
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).toMatch(/docx|PDF|密码|解压/);
    }
  });
});
