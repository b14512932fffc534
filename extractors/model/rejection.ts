/**
 * Why a file could not be read (SPEC §3 `error`). Readers throw a Rejection; the pipeline turns it
 * into a `rejected` result. Messages are Chinese, for finance staff.
 */
export const rejectionCodes = [
  'empty-file',
  'unsupported-format',
  'corrupt-file',
  'encrypted',
  'no-text-layer',
  'too-large',
  'not-a-report',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

const MIB = 1024 * 1024;
/** Three significant digits, no trailing zeros: 300, 16, 0.296. */
export const formatMiB = (bytes: number): string => String(Number((bytes / MIB).toPrecision(3)));

/** The one `too-large` message for a file over the size limit, whether the pipeline or the reader sees it first. */
export function fileTooLargeMessage(size: number, limit: number): string {
  return `文件过大（${formatMiB(size)} MB），超过${formatMiB(limit)} MB上限，请压缩图片或拆分后重新报送。`;
}

export class Rejection extends Error {
  readonly code: RejectionCode;

  constructor(code: RejectionCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Rejection';
    this.code = code;
  }
}

export function isRejection(error: unknown): error is Rejection {
  return error instanceof Rejection;
}
