/**
 * The mail that carries a unit's discrepancy list (pure: no sending here). Recipients come only from the
 * bureau's contact list; text taken from the document (the unit name) is cleaned before it goes into a
 * header, so that a crafted name cannot add or change headers.
 */
import path from 'node:path';
import { formatChineseDate } from './chinese-date.js';
import { distinctEvidence, evidenceLine } from './evidence-text.js';
import { extractionNotesTitle, problemLines } from './extraction-notes.js';
import { safeFileName } from './file-names.js';
import { scoringTableIndex } from './locations.js';
import { ocrNotice, uncertainPrefix } from './ocr-notes.js';
import type { CheckResult } from './result-schema.js';
import {
  findingsBySeverity,
  isPass,
  partialPassVerdict,
  resubmissionAdvice,
  severityAction,
  severityLabel,
  severityOrder,
  verdictOf,
} from './verdict.js';

export const docxContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One line of the bureau's contact list: the unit and its addresses (already validated). */
export interface MailContact {
  unit: string;
  to: string[];
  cc: string[];
}

export interface MemoForMail {
  html: string;
  docx: Buffer;
  docxName: string;
}

export interface ComposedMail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * A value safe for a header: control characters (CR, LF, NUL, …), Unicode line and paragraph separators
 * and bidirectional overrides become spaces, runs of white space collapse, and the length is bounded.
 */
export function headerSafe(text: string, maxLength = 200): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const codePoints = Array.from(flat);
  return codePoints.length > maxLength ? codePoints.slice(0, maxLength).join('') : flat;
}

const chineseOrdinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The closing lines of every message: where the full text is, who sent it, and the date. */
export function mailSignature(attachmentNote: string, date: Date): string[] {
  return [
    `${attachmentNote}本邮件由审核系统发送，如有疑问，请与县财政局联系。`,
    '',
    '县财政局',
    formatChineseDate(date),
    '',
  ];
}

function reportTitle(result: CheckResult, contact: MailContact): string {
  const unit = result.report?.unit?.trim() || contact.unit;
  const year = result.report?.year;
  return `${unit}${year === null || year === undefined ? '' : `${year}年度`}部门整体绩效自评报告`;
}

export function mailSubject(result: CheckResult, contact: MailContact): string {
  return headerSafe(`【审核意见】${reportTitle(result, contact)}：${verdictOf(result)}`);
}

/** The findings by severity, then the extraction problems, each part numbered 一、二、… as a letter is. */
function findingsText(result: CheckResult): string[] {
  const scoringTable = scoringTableIndex(result);
  const groups = findingsBySeverity(result.findings);
  const lines: string[] = [];
  let section = 0;
  for (const severity of severityOrder) {
    const findings = groups[severity];
    if (findings.length === 0) continue;
    lines.push(
      `${chineseOrdinals[section++]}、${severityLabel[severity]}（${findings.length}项，${severityAction[severity]}）`,
    );
    findings.forEach((finding, index) => {
      lines.push(`${index + 1}. ${uncertainPrefix(finding)}${finding.message}`);
      distinctEvidence(finding.evidence).forEach((evidence, evidenceIndex) => {
        lines.push(`   ${evidenceIndex === 0 ? '依据：' : '      '}${evidenceLine(evidence, scoringTable)}`);
      });
      if (finding.suggestion) lines.push(`   建议：${finding.suggestion}`);
    });
    lines.push('');
  }
  const problems = problemLines(result);
  if (problems.length > 0) {
    lines.push(`${chineseOrdinals[section++]}、${extractionNotesTitle}`);
    problems.forEach((problem, index) => {
      lines.push(`${index + 1}. ${problem}`);
    });
    lines.push('');
  }
  return lines;
}

function closingRequest(result: CheckResult): string {
  const verdict = verdictOf(result);
  if (!isPass(verdict)) return '请对照上述问题逐项修改，修改后重新报送。';
  const partial = verdict === partialPassVerdict ? '部分数据未能自动提取，请对照上述提取提示核实原件。' : '';
  const findings = result.findings.length > 0 ? '上述警告、提示事项请核实，如有误请一并更正。' : '';
  return partial + findings;
}

export function composeMail(
  result: CheckResult,
  memo: MemoForMail,
  contact: MailContact,
  options: { date?: Date } = {},
): ComposedMail {
  const date = options.date ?? new Date();
  const attachmentName = safeFileName(memo.docxName);
  const fileName = path.basename(result.file.replace(/\\/g, '/'));
  const lines: string[] = [`${contact.unit}：`, ''];
  if (result.status === 'rejected') {
    lines.push(
      `你单位报送的文件“${fileName}”无法读取，已退回。`,
      '',
      `原因：${result.error?.message ?? '文件无法读取。'}`,
      '',
      `请重新报送：${result.error ? resubmissionAdvice[result.error.code] : '请提供Word原件（.docx）或带文字层的PDF。'}`,
      '',
    );
  } else {
    lines.push(
      `你单位报送的《${reportTitle(result, contact)}》（文件：${fileName}）已审核，审核结论：${verdictOf(result)}。`,
      '',
    );
    const ocr = ocrNotice(result);
    if (ocr) lines.push(ocr, '');
    lines.push(...findingsText(result));
    const request = closingRequest(result);
    if (request !== '') lines.push(request, '');
  }
  lines.push(...mailSignature(`审核意见全文见附件“${attachmentName}”。`, date));
  return {
    to: contact.to.map((address) => headerSafe(address)),
    cc: contact.cc.map((address) => headerSafe(address)),
    subject: mailSubject(result, contact),
    text: lines.join('\n'),
    html: memo.html,
    attachments: [{ filename: attachmentName, content: memo.docx, contentType: docxContentType }],
  };
}
