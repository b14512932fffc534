/** Bytes → document model: detects the format from the bytes (never the file name) and hands them to the DOCX, PDF, XLSX, .xls or .doc reader. */

import { checkCompoundFile } from './container/compound-file-guard.js';
import { readDocx } from './docx/reader.js';
import { detectFormat, pictureFormat, unsupportedFormatMessages } from './format/detect-format.js';
import { isWorkbookPackage } from './format/office-package.js';
import type { DocumentModel } from './model/document-model.js';
import { defaultReadLimits, type ReadLimits } from './model/limits.js';
import type { ReadOptions } from './model/read-options.js';
import { fileTooLargeMessage, Rejection } from './model/rejection.js';

export type { ReadOptions } from './model/read-options.js';

/*
 * pdf.js takes tens of MB of each worker's memory once loaded (bench/analysis.md), so the PDF reader is imported on the first
 * PDF rather than with this module: a DOCX-only batch never loads it. Its module-level set-up (the
 * pdf.js builds, the unhandledRejection handler for pdf.js's leftovers, the FontFace stand-in) runs then.
 */
type PdfReader = typeof import('./pdf/reader.js');
let pdfReader: Promise<PdfReader> | undefined;
function loadPdfReader(): Promise<PdfReader> {
  pdfReader ??= import('./pdf/reader.js').catch((error: unknown) => {
    // A failed load is not cached: the next PDF tries again.
    pdfReader = undefined;
    throw error;
  });
  return pdfReader;
}

/* The spreadsheet and .doc readers (exceljs, SheetJS, word-extractor) are loaded on first use too. */
const loadXlsxReader = () => import('./xlsx/reader.js');
const loadXlsReader = () => import('./xls/reader.js');
const loadDocReader = () => import('./doc/reader.js');
/* The image reader loads sharp and, with OCR, the recogniser: only when a picture comes. */
const loadImageReader = () => import('./image/reader.js');

/** Throws a Rejection with a Chinese message and a SPEC §3 code when the file cannot be read. */
export async function readDocument(
  bytes: Uint8Array,
  limits: ReadLimits = defaultReadLimits,
  options: ReadOptions = {},
): Promise<DocumentModel> {
  if (bytes.length > limits.maxFileBytes) {
    throw new Rejection('too-large', fileTooLargeMessage(bytes.length, limits.maxFileBytes));
  }
  const format = detectFormat(bytes);
  switch (format) {
    case 'empty':
      throw new Rejection('empty-file', '文件为空（没有任何内容），请重新报送。');
    case 'pdf':
      return (await loadPdfReader()).readPdf(bytes, limits, options);
    case 'zip':
      if (isWorkbookPackage(bytes)) return (await loadXlsxReader()).readXlsx(bytes, limits);
      return readDocx(bytes, limits);
    case 'ole2-doc':
      return (await loadDocReader()).readDoc(bytes, limits);
    case 'ole2-xls':
      return (await loadXlsReader()).readXls(bytes, limits);
    case 'ole2-other':
    case 'ole2-wps':
      // A compound file cut short hides its streams: say it is damaged rather than of another kind.
      checkCompoundFile(bytes, limits);
      throw new Rejection('unsupported-format', unsupportedFormatMessages[format]);
    case 'image': {
      const picture = pictureFormat(bytes);
      if (picture) return (await loadImageReader()).readImage(bytes, picture, limits, options);
      throw new Rejection('unsupported-format', unsupportedFormatMessages[format]);
    }
    case 'ole2-encrypted-ooxml':
      throw new Rejection('encrypted', unsupportedFormatMessages[format]);
    default:
      throw new Rejection('unsupported-format', unsupportedFormatMessages[format]);
  }
}
