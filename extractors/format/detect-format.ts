/**
 * Tells what a file is from its bytes alone (never its name: a PDF named .docx is a PDF), and how to
 * tell finance staff what to send instead when it is not something review-desk reads.
 */
import { listCompoundFileStreams } from '../container/compound-file.js';

export type FileFormat =
  | 'empty'
  | 'pdf'
  | 'zip' // an OOXML/ODF/OFD package or a plain archive: which one is told by its entries (docx-package-kind.ts)
  | 'ole2-encrypted-ooxml' // a password-protected DOCX/XLSX/PPTX: an OLE2 file holding an EncryptedPackage stream
  | 'ole2-doc'
  | 'ole2-xls'
  | 'ole2-ppt'
  | 'ole2-wps' // Microsoft Works / old Kingsoft word processing (.wps) without a Word stream; WPS's own .wps holds a WordDocument stream and is a .doc
  | 'ole2-other'
  | 'image'
  | 'rtf'
  | 'html'
  | 'xml'
  | 'archive'
  | 'text'
  | 'unknown';

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string): number[] => [...text].map((ch) => ch.charCodeAt(0));

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = ascii('%PDF-');
// Readers accept junk before the header (Acrobat: within the first 1024 bytes), so do we.
const PDF_HEADER_WINDOW = 1024;
const ZIP_SIGNATURES = [ascii('PK\x03\x04'), ascii('PK\x05\x06'), ascii('PK\x07\x08')];
const IMAGE_SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  ascii('GIF87a'),
  ascii('GIF89a'),
  ascii('II*\x00'), // TIFF little-endian
  ascii('MM\x00*'), // TIFF big-endian
];
const ARCHIVE_SIGNATURES = [
  ascii('Rar!\x1a\x07'),
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x1f, 0x8b], // gzip
];
// BITMAPINFOHEADER sizes: "BM" alone is too weak a signature (plain text may start with it).
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif']);

function isBmp(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ascii('BM')) || bytes.length < 18) return false;
  const dibSize = bytes[14]! | (bytes[15]! << 8) | (bytes[16]! << 16) | (bytes[17]! << 24);
  return BMP_DIB_HEADER_SIZES.has(dibSize);
}

function isOtherImage(bytes: Uint8Array): boolean {
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return true;
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    return HEIF_BRANDS.has(brand);
  }
  return false;
}

function indexOfSignature(bytes: Uint8Array, signature: readonly number[], window: number): number {
  const end = Math.min(bytes.length - signature.length, window);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, signature, i)) return i;
  return -1;
}

const BYTE_ORDER_MARKS = [
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
];

/** Whitespace and NUL padding after an optional byte-order mark count as nothing (NUL: UTF-16 spaces). */
function isBlank(bytes: Uint8Array): boolean {
  const bom = BYTE_ORDER_MARKS.find((mark) => startsWith(bytes, mark));
  for (let i = bom ? bom.length : 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x00)
      return false;
  }
  return true;
}

/** Text in any common Chinese encoding (UTF-8, GBK, UTF-16) has no stray control bytes. */
function looksLikeText(sample: Uint8Array): boolean {
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  }
  return control <= sample.length / 100;
}

const TEXT_SAMPLE_BYTES = 4096;

function classifyText(bytes: Uint8Array): FileFormat {
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  if (!looksLikeText(sample)) return 'unknown';
  const head = Buffer.from(sample)
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  if (head.startsWith('{\\rtf')) return 'rtf';
  const lower = head.slice(0, 1024).toLowerCase();
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || /<html[\s>]/.test(lower)) return 'html';
  // Word's "single file web page" (.mht) is MIME with HTML inside.
  if (lower.startsWith('mime-version:') && lower.includes('text/html')) return 'html';
  if (lower.startsWith('<?xml')) return 'xml';
  return 'text';
}

function classifyCompoundFile(bytes: Uint8Array): FileFormat {
  const names = listCompoundFileStreams(bytes);
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  if (has('EncryptedPackage')) return 'ole2-encrypted-ooxml';
  if (has('WordDocument')) return 'ole2-doc';
  if (has('Workbook') || has('Book')) return 'ole2-xls';
  if (has('PowerPoint Document')) return 'ole2-ppt';
  if (has('CONTENTS') || has('MatOST')) return 'ole2-wps';
  return 'ole2-other';
}

/** JPEG or PNG, the pictures read by OCR (a photo or a scanned page); null for other images. */
export function pictureFormat(bytes: Uint8Array): 'jpeg' | 'png' | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  return null;
}

/** What the bytes are. Pure and cheap: looks at signatures, and for OLE2 files at the stream names. */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (isBlank(bytes)) return 'empty';
  if (indexOfSignature(bytes, PDF, PDF_HEADER_WINDOW) >= 0) return 'pdf';
  if (ZIP_SIGNATURES.some((signature) => startsWith(bytes, signature))) return 'zip';
  if (startsWith(bytes, OLE2)) return classifyCompoundFile(bytes);
  if (IMAGE_SIGNATURES.some((signature) => startsWith(bytes, signature)) || isBmp(bytes) || isOtherImage(bytes)) {
    return 'image';
  }
  if (ARCHIVE_SIGNATURES.some((signature) => startsWith(bytes, signature))) return 'archive';
  return classifyText(bytes);
}

/** Chinese messages for formats review-desk does not read: what the file looks like, and what to send instead. */
export const unsupportedFormatMessages: Readonly<Record<Exclude<FileFormat, 'empty' | 'pdf' | 'zip'>, string>> = {
  'ole2-encrypted-ooxml': '该文件设置了打开密码（加密的Word/Excel文档），无法读取，请取消密码后重新报送。',
  'ole2-doc': '该文件为旧版Word（.doc）格式，请另存为.docx或PDF后重新报送。',
  'ole2-xls': '该文件为旧版Excel（.xls）表格，不是自评报告文档，请将自评报告另存为.docx或PDF后重新报送。',
  'ole2-wps': '该文件为旧版WPS/Works文字处理（.wps）格式，无法读取，请用WPS或Word另存为.docx后重新报送。',
  'ole2-ppt': '该文件为旧版PowerPoint（.ppt）演示文稿，不是自评报告文档，请将自评报告另存为.docx或PDF后重新报送。',
  'ole2-other': '该文件为旧版Office（如.doc/.wps）格式，请另存为.docx或PDF后重新报送。',
  image:
    '该文件为GIF/TIFF/BMP/WebP等格式的图片，无法读取报告文字，请报送Word（.docx）或PDF格式的自评报告（图片请转为JPEG或PNG）。',
  rtf: '该文件为RTF格式，请用Word另存为.docx或PDF后重新报送。',
  html: '该文件为网页（HTML/MHT）格式，请用Word另存为.docx或PDF后重新报送。',
  xml: '该文件为XML格式，请用Word另存为.docx或PDF后重新报送。',
  archive: '该文件为压缩包，请解压后分别报送其中的Word（.docx）或PDF自评报告。',
  text: '该文件为纯文本文件，缺少报告的表格结构，请报送Word（.docx）或PDF格式的自评报告。',
  unknown: '无法识别该文件的格式，请报送Word（.docx）或PDF格式的自评报告。',
};
