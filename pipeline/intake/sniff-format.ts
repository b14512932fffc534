/**
 * Tells a submission's format from its first bytes, before any parsing: the archive name and the
 * `format` of a rejected result need it. A PDF named .docx is a PDF (SPEC §3).
 */
import { listCompoundFileStreams } from '../../extractors/container/compound-file.js';
import type { DocumentFormat } from '../../extractors/model/document-model.js';

export type SniffedFormat = DocumentFormat | null;

const pdfMagic = Buffer.from('%PDF-');
const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const oleMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The PDF header may follow some junk bytes; readers accept it within the first kilobyte.
  if (buffer.subarray(0, 1024).includes(pdfMagic)) return 'pdf';
  if (buffer.subarray(0, 4).equals(zipMagic) && buffer.includes('word/')) return 'docx';
  if (buffer.subarray(0, 4).equals(zipMagic) && buffer.includes('xl/')) return 'xlsx';
  if (buffer.subarray(0, 8).equals(oleMagic)) {
    // Best effort on what was read: the reader reports the format it really found.
    const streams = new Set(listCompoundFileStreams(bytes).map((name) => name.toLowerCase()));
    if (streams.has('encryptedpackage')) return null;
    if (streams.has('worddocument')) return 'doc';
    if (streams.has('workbook') || streams.has('book')) return 'xls';
  }
  return null;
}

/** The archive file's extension: the detected format, else the original extension when it is plain, else `bin`. */
export function archiveExtension(format: SniffedFormat, fileName: string): string {
  if (format) return format;
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : 'bin';
}
