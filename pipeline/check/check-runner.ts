/**
 * Runs the CPU-bound part of a check (read, parse, rules) in the worker pool and turns whatever
 * happens — an answer, a timeout, a crash — into a SPEC §3 result. One file's failure never
 * affects another's.
 */
import os from 'node:os';
import { defaultReadLimits, type ReadLimits } from '../../extractors/model/limits.js';
import type { CheckResult } from '../../reports/result-schema.js';
import type { RuleConfig } from '../../rules/engine.js';
import type { IntakeFile } from '../intake/intake.js';
import { rejectedResult, rejectionMessages, resultFromBytes, resultFromOutput } from './check-result.js';
import type { ExtractAnswer, ExtractInput, ExtractWorkerData, RenderedMemo } from './extract-protocol.js';
import { type PoolOutcome, WorkerPool } from './worker-pool.js';

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
}

export interface ExtractionRun {
  result: CheckResult;
  /** Technical detail for the log when the file was rejected for an internal reason. */
  detail: string | null;
  elapsedMs: number;
  /** The plain memo of `result`, rendered by the worker when it was asked for; null otherwise. */
  memo: RenderedMemo | null;
  /** `result` as JSON (UTF-8), when the worker sent it so: what the store keeps, without serialising again. */
  json: Uint8Array | null;
}

export interface CheckOptions {
  /** Have the worker render the result's plain memo for this date too. */
  readonly memoDate?: Date;
}

/** Young generation of a worker, in MB (semi-spaces of 8 MB); measured in bench/analysis.md. */
export const youngGenerationMb = 24;

export class CheckRunner {
  readonly limits: ReadLimits;
  /** The rule config the workers run with; the package rules (run on the main thread) use it too. */
  readonly config: RuleConfig;
  readonly #pool: WorkerPool<ExtractInput, ExtractAnswer>;
  readonly #heapMb: number;

  constructor(options: CheckRunnerOptions = {}) {
    this.limits = options.limits ?? defaultReadLimits;
    this.config = options.config ?? {};
    this.#heapMb = options.maxOldGenerationSizeMb ?? 192;
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
        result: rejectedResult(displayPath, file.sha256, file.format, 'too-large', message),
        detail: null,
        elapsedMs: 0,
        memo: null,
        json: null,
      };
    }
    const bytes = transferable(file.bytes);
    file.bytes = null;
    const memo = options.memoDate
      ? { file: displayPath, sha256: file.sha256, sniffed: file.format, date: options.memoDate.toISOString() }
      : null;
    const outcome = await this.#pool.run({ bytes, limits: this.limits, memo }, [bytes.buffer as ArrayBuffer]);
    return this.#toRun(outcome, displayPath, file);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #toRun(outcome: PoolOutcome<ExtractAnswer>, displayPath: string, file: IntakeFile): ExtractionRun {
    const { sha256, format } = file;
    switch (outcome.kind) {
      case 'done': {
        const { output, memo, resultBytes } = outcome.value;
        return {
          result: resultBytes
            ? resultFromBytes(displayPath, sha256, format, output, resultBytes)
            : resultFromOutput(displayPath, sha256, format, output),
          detail: output.ok ? null : output.detail,
          elapsedMs: outcome.elapsedMs,
          memo,
          json: resultBytes?.json ?? null,
        };
      }
      case 'timeout': {
        const message = rejectionMessages.timeout(this.limits.timeoutMs);
        return {
          result: rejectedResult(displayPath, sha256, format, 'corrupt-file', message),
          detail: `worker terminated after ${outcome.elapsedMs} ms`,
          elapsedMs: outcome.elapsedMs,
          memo: null,
          json: null,
        };
      }
      case 'crashed': {
        const tooLarge = outcome.reason === 'out-of-memory';
        const message = tooLarge ? rejectionMessages.outOfMemory(this.#heapMb) : rejectionMessages.crashed();
        return {
          result: rejectedResult(displayPath, sha256, format, tooLarge ? 'too-large' : 'corrupt-file', message),
          detail: outcome.detail,
          elapsedMs: outcome.elapsedMs,
          memo: null,
          json: null,
        };
      }
    }
  }
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
