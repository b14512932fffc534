/**
 * Tells a submission's format from its first bytes, before any parsing: the archive name and the
 * `format` of a rejected result need it. A PDF named .docx is a PDF (SPEC §3).
 */
export type SniffedFormat = 'docx' | 'pdf' | null;

const pdfMagic = Buffer.from('%PDF-');
const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The PDF header may follow some junk bytes; readers accept it within the first kilobyte.
  if (buffer.subarray(0, 1024).includes(pdfMagic)) return 'pdf';
  if (buffer.subarray(0, 4).equals(zipMagic) && buffer.includes('word/')) return 'docx';
  return null;
}

/** The archive file's extension: the detected format, else the original extension when it is plain, else `bin`. */
export function archiveExtension(format: SniffedFormat, fileName: string): string {
  if (format) return format;
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : 'bin';
}
