/**
 * The submission's format as the pipeline records it (the archive name, the `format` of a rejected
 * result), told by the one detector in detect-format.ts before any parsing. A PDF named .docx is a
 * PDF (SPEC §3); a zip counts as DOCX when it holds Word parts.
 */
import { detectFormat } from './detect-format.js';

export type SniffedFormat = 'docx' | 'pdf' | null;

const WORD_FOLDER = Buffer.from('word/');

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const format = detectFormat(bytes);
  if (format === 'pdf') return 'pdf';
  if (format === 'zip' && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(WORD_FOLDER)) {
    return 'docx';
  }
  return null;
}

/** The archive file's extension: the detected format, else the original extension when it is plain, else `bin`. */
export function archiveExtension(format: SniffedFormat, fileName: string): string {
  if (format) return format;
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : 'bin';
}
