/** The PDF stream guard refuses decompression bombs before pdf.js inflates them, and lets real reports through. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { Rejection } from '../../../extractors/model/rejection.js';
import { guardPdfStreams } from '../../../extractors/pdf/stream-guard.js';

const root = join(import.meta.dirname, '../../..');

function pdfWithStream(dictionary: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n4 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

function rejectionOf(bytes: Buffer, limits = defaultReadLimits): Rejection | null {
  try {
    guardPdfStreams(bytes, limits);
    return null;
  } catch (error) {
    if (error instanceof Rejection) return error;
    throw error;
  }
}

describe('guardPdfStreams', () => {
  it('lets every sample and discrepancy PDF through', () => {
    for (const folder of ['fixtures/samples', 'fixtures/discrepancies']) {
      for (const name of readdirSync(join(root, folder)).filter((file) => file.endsWith('.pdf'))) {
        expect({ name, rejection: rejectionOf(readFileSync(join(root, folder, name))) }).toEqual({
          name,
          rejection: null,
        });
      }
    }
  });

  it('refuses the hostile flate bomb as too-large with a Chinese message', () => {
    const rejection = rejectionOf(readFileSync(join(root, 'fixtures/hostile/files/flate-bomb.pdf')));
    expect(rejection?.code).toBe('too-large');
    expect(rejection?.message).toMatch(/解压炸弹/);
  });

  it('refuses a large stream past the ratio even when its filter sits beside nested decode parameters', () => {
    const bomb = deflateSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
    const bytes = pdfWithStream('/Filter /FlateDecode /DecodeParms << /Columns 4 >>', bomb);
    expect(rejectionOf(bytes)?.code).toBe('too-large');
  });

  it('leaves a stream under the ratio, an image stream and damaged data to pdf.js', () => {
    const text = Buffer.from(
      Array.from({ length: 20_000 }, (_, i) => `BT /F1 12 Tf ${i} 700 Td (${i}) Tj ET\n`).join(''),
    );
    expect(rejectionOf(pdfWithStream('/Filter /FlateDecode', deflateSync(text)))).toBeNull();
    const image = deflateSync(Buffer.alloc(40 * 1024 * 1024));
    expect(rejectionOf(pdfWithStream('/Filter [/FlateDecode /DCTDecode]', image))).toBeNull();
    expect(rejectionOf(pdfWithStream('/Filter /FlateDecode', Buffer.alloc(64 * 1024, 0xab)))).toBeNull();
  });

  it('counts the total inflated size against maxUncompressedBytes', () => {
    const text = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `${i} 0 0 RG ${i} 0 m ${i} 10 l S\n`).join(''));
    const limits = { ...defaultReadLimits, maxUncompressedBytes: text.length - 1 };
    expect(rejectionOf(pdfWithStream('/Filter /FlateDecode', deflateSync(text)), limits)?.code).toBe('too-large');
  });
});
