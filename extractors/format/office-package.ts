/**
 * Which OOXML package a zip is, from the part names its headers store uncompressed: a workbook
 * (xl/workbook.xml) is read as XLSX, anything else goes to the Word reader, which names what it is
 * when it is not a Word document (zip-package-kind.ts). A DOCX named .xlsx is a DOCX, and so on.
 */
const WORKBOOK_PART = Buffer.from('xl/workbook.xml');
const WORD_PART = Buffer.from('word/document.xml');

export function isWorkbookPackage(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.includes(WORKBOOK_PART) && !buffer.includes(WORD_PART);
}
