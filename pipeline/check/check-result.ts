/** Builds the SPEC §3 result of one file from what the extraction worker (or the pool) reported. */

import type { SniffedFormat } from '../../extractors/format/sniff-format.js';
import { fileTooLargeMessage, type RejectionCode } from '../../extractors/model/rejection.js';
import type { Extraction } from '../../extractors/model/report-schema.js';
import { type CheckResult, summarize } from '../../reports/result-schema.js';
import type { ExtractOutput, ResultBytes } from './extract-protocol.js';

export function rejectedResult(
  file: string,
  sha256: string,
  format: SniffedFormat,
  code: RejectionCode,
  message: string,
): CheckResult {
  return {
    file,
    sha256,
    format,
    status: 'rejected',
    error: { code, message },
    report: null,
    findings: [],
    extraction: null,
  };
}

export function resultFromOutput(
  file: string,
  sha256: string,
  sniffed: SniffedFormat,
  output: ExtractOutput,
): CheckResult {
  if (!output.ok) return rejectedResult(file, sha256, output.format ?? sniffed, output.code, output.message);
  return {
    file,
    sha256,
    format: output.format,
    status: 'checked',
    error: null,
    report: output.report,
    findings: output.findings,
    extraction: output.extraction,
  };
}

export const rejectionMessages = {
  tooLarge: fileTooLargeMessage,
  timeout: (ms: number): string =>
    `文件处理超时（超过${Math.round(ms / 1000)}秒），可能已损坏或结构异常，请检查后重新导出报送。`,
  ocrTimeout: (ms: number, pagesDone: number): string =>
    `扫描件文字识别超时（超过${Math.round(ms / 1000)}秒，已识别${pagesDone}页），` +
    '请报送可复制文字的电子版（Word或PDF），或将扫描件分成几个文件报送。',
  outOfMemory: (mb: number): string => `文件内容过于庞大，处理时超出内存上限（${mb} MB），请精简后重新报送。`,
  crashed: (): string => '处理该文件时程序异常中止，文件可能已损坏，请重新导出后报送。',
  unreadable: (reason: string): string => `无法读取该文件（${reason}），请确认文件未被占用且有读取权限。`,
};

/**
 * A result with its extraction sidecar stated explicitly: either `result` is complete
 * (`extractionJson` null), or the worker sent the whole result as JSON bytes and `result` holds
 * everything but the sidecar (`extraction: null`), which is parsed only by `withExtraction`. Plain
 * data both ways: spreading `result` (`{ ...result, file }`) reads nothing and parses nothing.
 */
export interface CheckedResult {
  readonly result: CheckResult;
  /** The worker's JSON of the whole result, with the sidecar's sections and problems, or null. */
  readonly extractionJson: ResultBytes | null;
}

/** A result that holds its sidecar itself (built on this thread, read from the store, a rejection). */
export function complete(result: CheckResult): CheckedResult {
  return { result, extractionJson: null };
}

/** A checked result whose sidecar stays in the JSON bytes the worker sent (see `CheckedResult`). */
export function checkedFromBytes(
  file: string,
  sha256: string,
  sniffed: SniffedFormat,
  output: ExtractOutput,
  bytes: ResultBytes,
): CheckedResult {
  return { result: { ...resultFromOutput(file, sha256, sniffed, output), extraction: null }, extractionJson: bytes };
}

/** The complete result: the sidecar parsed from the worker's JSON when it is still held there. */
export function withExtraction(checked: CheckedResult): CheckResult {
  const { result, extractionJson } = checked;
  if (!extractionJson) return result;
  const json = extractionJson.json;
  const parsed = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')) as CheckResult;
  return { ...result, extraction: parsed.extraction };
}

/** A result's sections and extraction problems, without parsing a sidecar still held as bytes. */
export function tableSidecar(checked: CheckedResult): Pick<Extraction, 'sections' | 'problems'> | null {
  if (checked.extractionJson) {
    return { sections: checked.extractionJson.sections, problems: checked.extractionJson.problems };
  }
  const extraction = checked.result.extraction;
  return extraction ? { sections: extraction.sections, problems: extraction.problems } : null;
}

/** How many extraction problems a checked result carries (figures the extractor could not read reliably). */
export function problemCount(checked: CheckedResult): number {
  return tableSidecar(checked)?.problems.length ?? 0;
}

/** The one per-file status line every command prints: 「FILE 已审核：错误N项…」 or 「FILE 已退回：原因」. */
export function statusLine(file: string, checked: CheckedResult): string {
  const { result } = checked;
  if (result.status === 'rejected') return `${file} 已退回：${result.error?.message ?? ''}`;
  const { errors, warnings, infos } = summarize([result]);
  const problems = problemCount(checked);
  const problemNote = problems > 0 ? `，提取提示${problems}项` : '';
  return `${file} 已审核：错误${errors}项，警告${warnings}项，提示${infos}项${problemNote}`;
}
