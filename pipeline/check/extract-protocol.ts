/** The messages between the pipeline and its extraction workers (structured-clone friendly, no classes). */

import type { SniffedFormat } from '../../extractors/format/sniff-format.js';
import type { DocumentFormat } from '../../extractors/model/document-model.js';
import type { ReadLimits } from '../../extractors/model/limits.js';
import type { RejectionCode } from '../../extractors/model/rejection.js';
import type { Extraction, Report } from '../../extractors/model/report-schema.js';
import type { OcrPageRecord } from '../../extractors/ocr/ocr-page.js';
import type { RuleConfig } from '../../rules/engine.js';
import type { Finding } from '../../rules/finding-schema.js';

/** Given to each worker once, when it starts. */
export interface ExtractWorkerData {
  /** The rule config, already validated by the main thread (plain data). */
  config: RuleConfig;
}

/**
 * Asks the worker to render the plain memo (no earlier submission to compare with) of the result it
 * builds, so that the main thread only writes files. What the result's own fields are, the worker
 * cannot know from the bytes: they come with the request.
 */
export interface MemoRequest {
  /** The result's `file`. */
  file: string;
  sha256: string;
  /** The format intake sniffed, used when the reader could not tell. */
  sniffed: SniffedFormat;
  /** The memo's date (ISO timestamp). */
  date: string;
}

export interface ExtractInput {
  bytes: Uint8Array;
  limits: ReadLimits;
  memo?: MemoRequest | null;
  /** The file's sha256, the key of its OCR'd pages in the store (null: none kept, e.g. a unit test). */
  sha256?: string | null;
}

/**
 * What a worker tells the main thread while it reads a file (issue #14), posted as
 * `{ id, event, request? }`: with a `request` number the pool answers `{ reply, value }`.
 * - `ocr-cache-get` (a request): the stored record of a page, or null; the main thread owns the store.
 * - `ocr-cache-put`: a page just recognised, to keep.
 * - `ocr-page`: page progress for the display; `reading` starts a page (and extends the file's time
 *   budget by `ocrPageTimeoutMs`), `read` and `cached` end it.
 * - `ocr-turn` (a request): answered when the file may use the OCR engine, before its first page is
 *   recognised (never for cached pages). One file at a time holds the turn, until its task ends: its
 *   pages then have both cores, and one OCR process is alive at a time (check-runner.ts).
 */
export type ExtractEvent =
  | { kind: 'ocr-turn' }
  | { kind: 'ocr-cache-get'; sha256: string; page: number; engine: string }
  | { kind: 'ocr-cache-put'; sha256: string; page: number; engine: string; record: OcrPageRecord }
  | { kind: 'ocr-page'; page: number; state: 'reading' | 'read' | 'cached' };

/** The value answering an `ocr-cache-get`. */
export type OcrCacheReply = OcrPageRecord | null;

export type ExtractOutput =
  | { ok: true; format: DocumentFormat; report: Report; extraction: Extraction; findings: Finding[] }
  | { ok: false; code: RejectionCode; message: string; format: DocumentFormat | null; detail: string | null };

/** The memo of one result in its three renderings, for the date it was asked for. */
export interface RenderedMemo {
  /** The date the memo was rendered for (ISO timestamp). */
  date: string;
  markdown: string;
  html: string;
  /** Its own ArrayBuffer, transferred rather than copied. */
  docx: Uint8Array;
}

/**
 * A checked result as the worker sends it when it was given the result's own fields (a memo
 * request): its JSON as transferred UTF-8 bytes, which the main thread stores as they are, and the
 * little of its sidecar the main thread reads itself. Cloning the whole object graph (tens of
 * kilobytes) and serialising it again cost the main thread more than the rest of its work on a file.
 */
export interface ResultBytes {
  /** `JSON.stringify` of the full result; its own ArrayBuffer, transferred. */
  json: Uint8Array;
  /** The sidecar's sections and extraction problems (what a table-only run keeps of it). */
  sections: Extraction['sections'];
  problems: Extraction['problems'];
}

export interface ExtractAnswer {
  /** Without `extraction` when `resultBytes` is present (it is in the bytes). */
  output: ExtractOutput;
  /** Present when the input asked for it and rendering succeeded. */
  memo: RenderedMemo | null;
  /** Present for a checked result when the input carried a memo request. */
  resultBytes?: ResultBytes | null;
}
