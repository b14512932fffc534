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
