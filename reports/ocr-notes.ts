/**
 * What the reviewer is told about a submission read by OCR (issue #14): that it was a scan or a
 * photo, how many of its figures are 识别存疑, and which findings rest on such a figure. The figures
 * and findings were marked when the file was checked (rules/support/uncertain-figures.ts), with
 * that run's threshold; this module only words them.
 */
import type { Finding } from '../rules/finding-schema.js';
import { isAbsenceFinding } from '../rules/support/uncertain-figures.js';
import type { CheckResult } from './result-schema.js';

export const uncertainMark = '识别存疑';

type OcrResult = Pick<CheckResult, 'status'> & Partial<Pick<CheckResult, 'extraction'>>;

/** True when the result was read (at least in part) by OCR. */
export function readByOcr(result: OcrResult): boolean {
  return result.status === 'checked' && result.extraction?.ocr === true;
}

/** Figures OCR read below the confidence threshold. */
export function uncertainFigureCount(result: OcrResult): number {
  return readByOcr(result) ? (result.extraction?.uncertainFigures?.length ?? 0) : 0;
}

/**
 * 「本文件为扫描件/照片，经文字识别（OCR）读取。识别存疑的数字3项，…」, or null for a born-digital file.
 */
export function ocrNotice(result: OcrResult): string | null {
  if (!readByOcr(result)) return null;
  const uncertain = uncertainFigureCount(result);
  const read = '本文件为扫描件/照片，经文字识别（OCR）读取。';
  return uncertain === 0
    ? `${read}识别存疑的数字0项；数字均由机器识别，重要数字仍请对照原件核对。`
    : `${read}识别存疑的数字${uncertain}项，请对照原件核对；` +
        `依据这些数字的问题仍按原级别列出，并标注「${uncertainMark}」。`;
}

/** 「【识别存疑】」 before a finding's message when it rests on an uncertain figure, else ''. */
export function uncertainPrefix(finding: Pick<Finding, 'uncertain'>): string {
  return finding.uncertain ? `【${uncertainMark}】` : '';
}

/** The line under such a finding: why it is marked and what to do first. */
export const uncertainAdvice = `${uncertainMark}：所依据的数字经文字识别读取，可信度较低，请先对照原件核对该数字，再据此修改。`;

/** The same for a finding that a part or a figure is not there. */
export const uncertainStructureAdvice = `${uncertainMark}：该文件经文字识别读取，所缺部分或数字也可能是未能识别或照片未拍全所致，请先对照原件核对，再据此修改。`;

/** The line under an uncertain finding, for its kind. */
export function uncertainAdviceFor(finding: Pick<Finding, 'ruleId'>): string {
  return isAbsenceFinding(finding) ? uncertainStructureAdvice : uncertainAdvice;
}
