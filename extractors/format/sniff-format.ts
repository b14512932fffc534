/**
 * The submission's format as the pipeline records it (the archive name, the `format` of a rejected
 * result), told by the one detector in detect-format.ts before any parsing. A PDF named .docx is a
 * PDF (SPEC §3); a zip counts as DOCX when it holds Word parts and as XLSX when it holds Excel parts;
 * an OLE compound file as .doc or .xls by its streams.
 */
import type { DocumentFormat } from '../model/document-model.js';
import { detectFormat, pictureFormat } from './detect-format.js';

export type SniffedFormat = DocumentFormat | null;

const WORD_FOLDER = Buffer.from('word/');
const EXCEL_FOLDER = Buffer.from('xl/');

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const format = detectFormat(bytes);
  if (format === 'pdf') return 'pdf';
  if (format === 'ole2-doc') return 'doc';
  if (format === 'ole2-xls') return 'xls';
  if (format === 'image') return pictureFormat(bytes);
  if (format === 'zip') {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buffer.includes(WORD_FOLDER)) return 'docx';
    if (buffer.includes(EXCEL_FOLDER)) return 'xlsx';
  }
  return null;
}

/** The archive file's extension: the detected format, else the original extension when it is plain, else `bin`. */
export function archiveExtension(format: SniffedFormat, fileName: string): string {
  if (format) return format;
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : 'bin';
}
