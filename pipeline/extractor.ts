/**
 * Runs the CPU-bound part of a check (read, parse, rules) in the worker pool and turns whatever
 * happens — an answer, a timeout, a crash — into a SPEC §3 result. One file's failure never
 * affects another's.
 */
import os from 'node:os';
import { defaultReadLimits, type ReadLimits } from '../extractors/limits.js';
import type { CheckResult } from '../reports/result-schema.js';
import type { RuleConfig } from '../rules/engine.js';
import { rejectedResult, rejectionMessages, resultFromOutput } from './check-result.js';
import type { ExtractInput, ExtractOutput, ExtractWorkerData } from './extract-protocol.js';
import type { IntakeFile } from './intake.js';
import { type PoolOutcome, WorkerPool } from './worker-pool.js';

export interface ExtractorOptions {
  /** Files parsed at once. @default os.availableParallelism() */
  readonly jobs?: number;
  readonly limits?: ReadLimits;
  /** The validated rule config. @default every rule with its defaults */
  readonly config?: RuleConfig;
  /** Heap limit of one worker, in MB. @default 512 */
  readonly maxOldGenerationSizeMb?: number;
  /** The worker script. @default the compiled `extract-worker.js` beside this module */
  readonly script?: URL;
}

export interface ExtractionRun {
  result: CheckResult;
  /** Technical detail for the log when the file was rejected for an internal reason. */
  detail: string | null;
  elapsedMs: number;
}

export class Extractor {
  readonly limits: ReadLimits;
  readonly #pool: WorkerPool<ExtractInput, ExtractOutput>;
  readonly #heapMb: number;

  constructor(options: ExtractorOptions = {}) {
    this.limits = options.limits ?? defaultReadLimits;
    this.#heapMb = options.maxOldGenerationSizeMb ?? 512;
    const workerData: ExtractWorkerData = { config: options.config ?? {} };
    this.#pool = new WorkerPool({
      script: options.script ?? new URL('./extract-worker.js', import.meta.url),
      size: Math.max(1, options.jobs ?? os.availableParallelism()),
      timeoutMs: this.limits.timeoutMs,
      resourceLimits: { maxOldGenerationSizeMb: this.#heapMb },
      workerData,
    });
  }

  /** Checks one file read by intake; `displayPath` is what the result's `file` says. */
  async check(file: IntakeFile, displayPath: string): Promise<ExtractionRun> {
    if (!file.bytes) {
      const message = rejectionMessages.tooLarge(file.size, this.limits.maxFileBytes);
      return {
        result: rejectedResult(displayPath, file.sha256, file.format, 'too-large', message),
        detail: null,
        elapsedMs: 0,
      };
    }
    // A copy is transferred so the caller's buffer (also written to the archive) stays usable.
    const bytes = new Uint8Array(file.bytes);
    const outcome = await this.#pool.run({ bytes, limits: this.limits }, [bytes.buffer]);
    return this.#toRun(outcome, displayPath, file);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #toRun(outcome: PoolOutcome<ExtractOutput>, displayPath: string, file: IntakeFile): ExtractionRun {
    const { sha256, format } = file;
    switch (outcome.kind) {
      case 'done': {
        const detail = outcome.value.ok ? null : outcome.value.detail;
        return {
          result: resultFromOutput(displayPath, sha256, format, outcome.value),
          detail,
          elapsedMs: outcome.elapsedMs,
        };
      }
      case 'timeout': {
        const message = rejectionMessages.timeout(this.limits.timeoutMs);
        return {
          result: rejectedResult(displayPath, sha256, format, 'corrupt-file', message),
          detail: `worker terminated after ${outcome.elapsedMs} ms`,
          elapsedMs: outcome.elapsedMs,
        };
      }
      case 'crashed': {
        const tooLarge = outcome.reason === 'out-of-memory';
        const message = tooLarge ? rejectionMessages.outOfMemory(this.#heapMb) : rejectionMessages.crashed();
        return {
          result: rejectedResult(displayPath, sha256, format, tooLarge ? 'too-large' : 'corrupt-file', message),
          detail: outcome.detail,
          elapsedMs: outcome.elapsedMs,
        };
      }
    }
  }
}

/**
 * Files in flight for `jobs` workers: twice as many, so that a worker always has the next file
 * ready while another is being read, hashed or archived. The pool still parses only `jobs` at once.
 */
export function inFlightFiles(jobs: number): number {
  return Math.max(1, jobs) * 2;
}
