/** The messages between the pipeline and its extraction workers (structured-clone friendly, no classes). */
import type { ReadLimits } from '../extractors/limits.js';
import type { RejectionCode } from '../extractors/rejection.js';
import type { Extraction, Report } from '../extractors/report-schema.js';
import type { RuleConfig } from '../rules/engine.js';
import type { Finding } from '../rules/finding-schema.js';

/** Given to each worker once, when it starts. */
export interface ExtractWorkerData {
  /** The rule config, already validated by the main thread (plain data). */
  config: RuleConfig;
}

export interface ExtractInput {
  bytes: Uint8Array;
  limits: ReadLimits;
}

export type ExtractOutput =
  | { ok: true; format: 'docx' | 'pdf'; report: Report; extraction: Extraction; findings: Finding[] }
  | { ok: false; code: RejectionCode; message: string; format: 'docx' | 'pdf' | null; detail: string | null };
