/**
 * Runs the CPU-bound part of a check (read, parse, rules) in the worker pool and turns whatever
 * happens — an answer, a timeout, a crash — into a SPEC §3 result. One file's failure never
 * affects another's.
 */
import os from 'node:os';
import PQueue from 'p-queue';
import { defaultReadLimits, type ReadLimits } from '../../extractors/model/limits.js';
import type { OcrCache } from '../../extractors/ocr/ocr-page.js';
import type { RuleConfig } from '../../rules/engine.js';
import type { IntakeFile } from '../intake/intake.js';
import {
  type CheckedResult,
  checkedFromBytes,
  complete,
  rejectedResult,
  rejectionMessages,
  resultFromOutput,
} from './check-result.js';
import type {
  ExtractAnswer,
  ExtractEvent,
  ExtractInput,
  ExtractWorkerData,
  OcrCacheReply,
  RenderedMemo,
} from './extract-protocol.js';
import { type PoolOutcome, type TaskEventHandler, WorkerPool } from './worker-pool.js';

export interface CheckRunnerOptions {
  /** Files parsed at once. @default os.availableParallelism() */
  readonly jobs?: number;
  readonly limits?: ReadLimits;
  /** The validated rule config. @default every rule with its defaults */
  readonly config?: RuleConfig;
  /**
   * Old-generation heap limit of one worker, in MB; a file that needs more is rejected as too large.
   * The real reports peak far below it. @default 192
   */
  readonly maxOldGenerationSizeMb?: number;
  /**
   * Files one worker extracts before a fresh one replaces it, so that a long watch never grows one
   * heap for ever (a fresh worker pays about a second of start-up and JIT warm-up). @default 1000
   */
  readonly maxTasksPerWorker?: number;
  /** The worker script. @default the compiled `extract-worker.js` beside this module */
  readonly script?: URL;
  /** Told each time a page of a file read by OCR is done (recognised or found in the cache): the file's page counter. */
  readonly onOcrPage?: (displayPath: string, pagesDone: number) => void;
}

/** A file's result (`result` and `extractionJson`, see CheckedResult) and how its extraction went. */
export interface ExtractionRun extends CheckedResult {
  /** Technical detail for the log when the file was rejected for an internal reason. */
  detail: string | null;
  elapsedMs: number;
  /** The plain memo of `result`, rendered by the worker when it was asked for; null otherwise. */
  memo: RenderedMemo | null;
  /**
   * Of `elapsedMs`, the time the file waited for its turn at the OCR engine while another file held it
   * (its own deadline stopped meanwhile); absent when it did not wait.
   */
  ocrWaitMs?: number;
}

export interface CheckOptions {
  /** Have the worker render the result's plain memo for this date too. */
  readonly memoDate?: Date;
  /** Where pages read by OCR are kept between runs (the store's); none: every page is recognised. */
  readonly ocrCache?: OcrCache;
}

/** Young generation of a worker, in MB (semi-spaces of 8 MB); measured in bench/analysis.md. */
export const youngGenerationMb = 24;

export class CheckRunner {
  readonly limits: ReadLimits;
  /** The rule config the workers run with; the package rules (run on the main thread) use it too. */
  readonly config: RuleConfig;
  readonly #pool: WorkerPool<ExtractInput, ExtractAnswer>;
  readonly #heapMb: number;
  readonly #onOcrPage: CheckRunnerOptions['onOcrPage'];
  /**
   * The OCR engine's turn: one file at a time recognises pages, from its first page not in the cache to
   * the end of its task. Its pages then have both cores (the OCR process runs on all of them) instead of
   * sharing them with another scan, and one OCR process is alive at a time instead of one per worker
   * (bench/analysis.md, OCR). Files in line wait in their worker with their clock stopped; born-digital
   * files and cached scans never take the turn.
   */
  readonly #ocrTurn = new PQueue({ concurrency: 1 });

  constructor(options: CheckRunnerOptions = {}) {
    this.limits = options.limits ?? defaultReadLimits;
    this.config = options.config ?? {};
    this.#heapMb = options.maxOldGenerationSizeMb ?? 192;
    this.#onOcrPage = options.onOcrPage;
    const workerData: ExtractWorkerData = { config: options.config ?? {} };
    this.#pool = new WorkerPool({
      script: options.script ?? new URL('./extract-worker.js', import.meta.url),
      size: Math.max(1, options.jobs ?? os.availableParallelism()),
      timeoutMs: this.limits.timeoutMs,
      // A 24 MB young generation (V8's default is 48): ~30 MB less peak RSS for two workers, and no
      // CPU cost measurable within the noise on PDFs or DOCX (bench/analysis.md, "Memory").
      resourceLimits: { maxOldGenerationSizeMb: this.#heapMb, maxYoungGenerationSizeMb: youngGenerationMb },
      maxTasksPerWorker: options.maxTasksPerWorker ?? 1000,
      workerData,
    });
  }

  /**
   * Checks one file read by intake; `displayPath` is what the result's `file` says. Takes the file's
   * bytes: they are moved to the worker, not copied, and `file.bytes` is left empty.
   */
  async check(file: IntakeFile, displayPath: string, options: CheckOptions = {}): Promise<ExtractionRun> {
    if (!file.bytes) {
      const message = rejectionMessages.tooLarge(file.size, this.limits.maxFileBytes);
      return {
        ...complete(rejectedResult(displayPath, file.sha256, file.format, 'too-large', message)),
        detail: null,
        elapsedMs: 0,
        memo: null,
      };
    }
    const bytes = transferable(file.bytes);
    file.bytes = null;
    const memo = options.memoDate
      ? { file: displayPath, sha256: file.sha256, sniffed: file.format, date: options.memoDate.toISOString() }
      : null;
    const ocrPages: OcrPageCount = { begun: 0, done: 0 };
    const turn: OcrTurn = { release: null, ended: false, waitedMs: 0 };
    const outcome = await this.#pool.run(
      { bytes, limits: this.limits, memo, sha256: file.sha256 },
      [bytes.buffer as ArrayBuffer],
      this.#eventHandler(file.sha256, displayPath, options.ocrCache ?? null, ocrPages, turn),
    );
    turn.ended = true;
    turn.release?.();
    const run = this.#toRun(outcome, displayPath, file, ocrPages, turn.waitedMs);
    const waited = Math.round(turn.waitedMs);
    return waited > 0 ? { ...run, ocrWaitMs: waited } : run;
  }

  /** Waits until the file has the OCR engine's turn; held until `turn.release` (the end of its task). */
  #takeOcrTurn(turn: OcrTurn): Promise<void> {
    return new Promise((granted) => {
      void this.#ocrTurn.add(
        () =>
          new Promise<void>((release) => {
            turn.release = release;
            // A task that ended while in line (it crashed) passes the turn on at once.
            if (turn.ended) release();
            granted();
          }),
      );
    });
  }

  /**
   * Answers a worker's OCR events for one file (extract-protocol.ts ExtractEvent): cache lookups
   * and writes under the file's own sha256 (the main thread's, whatever the worker says), one more
   * page's time per page begun, and the file's page counter.
   */
  #eventHandler(
    sha256: string,
    displayPath: string,
    cache: OcrCache | null,
    pages: OcrPageCount,
    turn: OcrTurn,
  ): TaskEventHandler {
    return async (raw, control) => {
      const event = raw as ExtractEvent;
      switch (event.kind) {
        case 'ocr-turn': {
          if (turn.release || turn.ended) return null;
          const resume = control.pauseDeadline();
          const asked = performance.now();
          await this.#takeOcrTurn(turn);
          turn.waitedMs += performance.now() - asked;
          resume();
          return null;
        }
        case 'ocr-cache-get':
          return ((await cache?.get(sha256, event.page, event.engine)) ?? null) satisfies OcrCacheReply;
        case 'ocr-cache-put':
          await cache?.put(sha256, event.page, event.engine, event.record);
          return null;
        case 'ocr-page':
          if (event.state === 'reading') {
            pages.begun++;
            control.extendDeadline(this.limits.ocrPageTimeoutMs);
          } else this.#onOcrPage?.(displayPath, ++pages.done);
          return null;
        default:
          return null;
      }
    };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #toRun(
    outcome: PoolOutcome<ExtractAnswer>,
    displayPath: string,
    file: IntakeFile,
    ocrPages: OcrPageCount,
    waitedMs: number,
  ): ExtractionRun {
    const { sha256, format } = file;
    switch (outcome.kind) {
      case 'done': {
        const { output, memo, resultBytes } = outcome.value;
        return {
          ...(resultBytes
            ? checkedFromBytes(displayPath, sha256, format, output, resultBytes)
            : complete(resultFromOutput(displayPath, sha256, format, output))),
          detail: output.ok ? null : output.detail,
          elapsedMs: outcome.elapsedMs,
          memo,
        };
      }
      case 'timeout': {
        // The time the file had: the base limit, and one page's more for each page begun by OCR; not
        // its wait for the OCR turn, when its clock stood still.
        const allowedMs = outcome.allowedMs - waitedMs;
        const message =
          ocrPages.begun > 0
            ? rejectionMessages.ocrTimeout(allowedMs, ocrPages.done)
            : rejectionMessages.timeout(allowedMs);
        return {
          ...complete(rejectedResult(displayPath, sha256, format, 'corrupt-file', message)),
          detail: `worker terminated after ${outcome.elapsedMs} ms`,
          elapsedMs: outcome.elapsedMs,
          memo: null,
        };
      }
      case 'crashed': {
        const tooLarge = outcome.reason === 'out-of-memory';
        const message = tooLarge ? rejectionMessages.outOfMemory(this.#heapMb) : rejectionMessages.crashed();
        return {
          ...complete(rejectedResult(displayPath, sha256, format, tooLarge ? 'too-large' : 'corrupt-file', message)),
          detail: outcome.detail,
          elapsedMs: outcome.elapsedMs,
          memo: null,
        };
      }
    }
  }
}

/** A file's place at the OCR engine: `release` once it has the turn, `ended` once its task settled. */
interface OcrTurn {
  release: (() => void) | null;
  ended: boolean;
  waitedMs: number;
}

/** Pages of one file the worker began reading by OCR, and finished (recognised or from the cache). */
interface OcrPageCount {
  begun: number;
  done: number;
}

/** The bytes as a view of an ArrayBuffer of their own, which can be transferred without taking others' data along. */
function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/**
 * Files in flight for `jobs` workers: twice as many, so that a worker always has the next file
 * ready while another is being read, hashed or archived. The pool still parses only `jobs` at once.
 */
export function inFlightFiles(jobs: number): number {
  return Math.max(1, jobs) * 2;
}
