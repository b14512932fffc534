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
  outOfMemory: (mb: number): string => `文件内容过于庞大，处理时超出内存上限（${mb} MB），请精简后重新报送。`,
  crashed: (): string => '处理该文件时程序异常中止，文件可能已损坏，请重新导出后报送。',
  unreadable: (reason: string): string => `无法读取该文件（${reason}），请确认文件未被占用且有读取权限。`,
};

/** The sections and problems of results whose sidecar is still in their JSON bytes (see `resultFromBytes`). */
const tableSidecars = new WeakMap<CheckResult, Pick<Extraction, 'sections' | 'problems'>>();

/**
 * A checked result whose sidecar stays in the JSON bytes the worker sent until something reads
 * `extraction` (then it is parsed once): the main thread of a batch stores the bytes as they are,
 * and most runs never look at the sidecar.
 */
export function resultFromBytes(
  file: string,
  sha256: string,
  sniffed: SniffedFormat,
  output: ExtractOutput,
  bytes: ResultBytes,
): CheckResult {
  const result = resultFromOutput(file, sha256, sniffed, output);
  let extraction: CheckResult['extraction'];
  Object.defineProperty(result, 'extraction', {
    enumerable: true,
    configurable: true,
    get(): CheckResult['extraction'] {
      extraction ??= (
        JSON.parse(
          Buffer.from(bytes.json.buffer, bytes.json.byteOffset, bytes.json.byteLength).toString('utf8'),
        ) as CheckResult
      ).extraction;
      return extraction;
    },
  });
  tableSidecars.set(result, { sections: bytes.sections, problems: bytes.problems });
  return result;
}

/** A result's sections and extraction problems, without parsing a sidecar still held as bytes. */
export function tableSidecar(result: CheckResult): Pick<Extraction, 'sections' | 'problems'> | null {
  const known = tableSidecars.get(result);
  if (known) return known;
  const extraction = result.extraction;
  return extraction ? { sections: extraction.sections, problems: extraction.problems } : null;
}

/** How many extraction problems a checked result carries (figures the extractor could not read reliably). */
export function problemCount(result: CheckResult): number {
  // Through tableSidecar: reading `extraction` would parse a sidecar the worker sent as bytes.
  return tableSidecar(result)?.problems.length ?? 0;
}

/** The one per-file status line every command prints: 「FILE 已审核：错误N项…」 or 「FILE 已退回：原因」. */
export function statusLine(file: string, result: CheckResult): string {
  if (result.status === 'rejected') return `${file} 已退回：${result.error?.message ?? ''}`;
  const { errors, warnings, infos } = summarize([result]);
  const problems = problemCount(result);
  const problemNote = problems > 0 ? `，提取提示${problems}项` : '';
  return `${file} 已审核：错误${errors}项，警告${warnings}项，提示${infos}项${problemNote}`;
}
