/** The dispatcher: the bytes decide the reader, and every unreadable file becomes a Rejection with a Chinese message. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../extractors/model/limits.js';
import { isRejection, type RejectionCode } from '../../extractors/model/rejection.js';
import { readDocument } from '../../extractors/read-document.js';
import { writeCompoundFile } from './docx/docx-test-cfb.js';
import { deflatedZeros, replaceParts, writeZip } from './docx/docx-test-zip.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));

async function rejectionOf(bytes: Uint8Array, limits = defaultReadLimits) {
  try {
    await readDocument(bytes, limits);
  } catch (error) {
    if (isRejection(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

async function xlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('打分表').addRow(['绩效指标', '指标分值', '自评打分']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const pptx = () =>
  writeZip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    { name: 'ppt/presentation.xml', data: Buffer.from('<p:presentation/>') },
  ]);

describe('readDocument', () => {
  it('reads a DOCX by its bytes', async () => {
    const model = await readDocument(fixture('samples/pingdeng-2023.docx'));
    expect(model.format).toBe('docx');
    expect(model.blocks.some((block) => block.kind === 'table')).toBe(true);
  });

  it('reads a legacy Word 97 .doc, an .xls and an .xlsx by their bytes', async () => {
    expect((await readDocument(fixture('bad/legacy.doc'))).format).toBe('doc');
    expect((await readDocument(fixture('formats/budget-execution.xls'))).format).toBe('xls');
    const workbook = await readDocument(await xlsx());
    expect(workbook.format).toBe('xlsx');
    expect(workbook.blocks).toMatchObject([{ kind: 'table', sheet: '打分表', rows: [[{ text: '绩效指标' }, {}, {}]] }]);
  });

  it('reads a PDF named .docx as the PDF it is', async () => {
    const model = await readDocument(fixture('bad/pdf-named.docx'));
    expect(model.format).toBe('pdf');
    expect(model.pageCount).toBeGreaterThan(0);
  });

  const rejected: [string, () => Uint8Array | Promise<Uint8Array>, RejectionCode, RegExp][] = [
    ['a 0-byte file', () => new Uint8Array(0), 'empty-file', /文件为空/],
    ['a file of blanks', () => new Uint8Array(Buffer.from(' \r\n\t \n')), 'empty-file', /文件为空/],
    [
      'an OLE2 file whose WordDocument stream is padding',
      () => writeCompoundFile(['WordDocument', '1Table']),
      'corrupt-file',
      /\.doc.*已损坏/,
    ],
    ['a Works .wps without a Word stream', () => fixture('bad/works.wps'), 'unsupported-format', /\.wps.*另存为\.docx/],
    ['a password-protected XLSX', () => fixture('bad/encrypted.xlsx'), 'encrypted', /密码/],
    ['a legacy .xls cut in half', () => fixture('bad/truncated.xls'), 'corrupt-file', /已损坏或不完整/],
    ['a password-protected DOCX', () => writeCompoundFile(['EncryptionInfo', 'EncryptedPackage']), 'encrypted', /密码/],
    [
      'a GIF (JPEG and PNG are read by OCR)',
      () => new Uint8Array(Buffer.from('GIF89a\x10\x00\x10\x00 padding')),
      'unsupported-format',
      /图片/,
    ],
    ['plain text named .pdf', () => fixture('bad/text-renamed.pdf'), 'unsupported-format', /纯文本/],
    ['a PowerPoint deck', pptx, 'unsupported-format', /PowerPoint/],
    ['a truncated DOCX', () => fixture('bad/truncated.docx'), 'corrupt-file', /文件已损坏/],
  ];

  it.each(rejected)('rejects %s', async (_what, make, code, message) => {
    const rejection = await rejectionOf(await make());
    expect(rejection.code).toBe(code);
    expect(rejection.message).toMatch(message);
  });

  it('rejects a file over the size limit before looking inside it', async () => {
    const rejection = await rejectionOf(fixture('samples/pingdeng-2023.docx'), {
      ...defaultReadLimits,
      maxFileBytes: 10_000,
    });
    expect(rejection).toEqual({
      code: 'too-large',
      message: expect.stringMatching(/^文件过大（0\.\d+ MB），超过0\.00954 MB上限/),
    });
  });

  it('rejects a DOCX hiding a zip bomb', async () => {
    const bomb = deflatedZeros(256);
    const docx = fixture('samples/pingdeng-2023.docx');
    const { unzip } = await import('./docx/docx-test-zip.js');
    const entries = [...(await unzip(docx))].map(([name, data]) => ({ name, data }));
    const armed = writeZip([
      ...entries,
      { name: 'word/media/image1.png', deflated: bomb.deflated, crc: bomb.crc, declaredSize: 1000 },
    ]);
    expect((await rejectionOf(armed)).code).toBe('too-large');
  });

  it('rejects a DOCX whose document.xml declares an external entity, without reading the file it names', async () => {
    const docx = fixture('samples/pingdeng-2023.docx');
    const xxe = await replaceParts(docx, {
      'word/document.xml':
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>',
    });
    expect(await rejectionOf(xxe)).toEqual({ code: 'corrupt-file', message: expect.stringContaining('DTD') });
  });
});
