/** The OCR limits' defaults and messages, shared by the readers of scans (pdf/) and photos (image/). */

/** A figure read by OCR below this confidence is doubtful (limits.ocrMinConfidence). */
export const defaultOcrMinConfidence = 0.85;

export function tooManyOcrPagesMessage(pages: number, limit: number): string {
  return `该文件有${pages}页需要文字识别（扫描件或图片），超过允许的${limit}页上限，请拆分后报送，或提供Word原件、带文字层的PDF。`;
}
