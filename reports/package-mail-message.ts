/**
 * The mail that tells a unit what its package's documents disagree on (SPEC §6–§8, issue #13): only the
 * package findings not mailed before, each with the figure from every file and where it stands, and the
 * package memo attached. Pure: the mail engine decides which findings are new and sends it.
 */
import path from 'node:path';
import type { Finding } from '../rules/finding-schema.js';
import { distinctEvidence, evidenceQuote } from './evidence-text.js';
import { safeFileName } from './file-names.js';
import { describeLocation } from './locations.js';
import {
  type ComposedMail,
  docxContentType,
  headerSafe,
  type MailContact,
  type MemoForMail,
  mailSignature,
} from './mail-message.js';
import type { PackageResult } from './result-schema.js';
import { findingsBySeverity, severityLabel, severityOrder } from './verdict.js';

function fileName(file: string): string {
  return path.basename(file.replace(/\\/g, '/'));
}

export function packageMailSubject(pkg: Pick<PackageResult, 'unit' | 'year'>, count: number): string {
  return headerSafe(`【审核意见】${pkg.unit}${pkg.year}年度报送材料核对：发现${count}项不一致`);
}

/**
 * `fresh` are the package findings the unit has not been told of; `told` how many others still stand
 * that an earlier message listed (named only by their number, so nothing is mailed twice).
 */
export function composePackageMail(
  pkg: PackageResult,
  fresh: readonly Finding[],
  told: number,
  memo: MemoForMail,
  contact: MailContact,
  options: { date?: Date } = {},
): ComposedMail {
  const date = options.date ?? new Date();
  const attachmentName = safeFileName(memo.docxName);
  const groups = findingsBySeverity(fresh);
  const ordered = severityOrder.flatMap((severity) => groups[severity]);
  const lines: string[] = [
    `${contact.unit}：`,
    '',
    `你单位报送的${pkg.year}年度各项材料（${pkg.files.map(fileName).join('、')}）已相互核对，` +
      `发现以下${fresh.length}项不一致${told > 0 ? `（此前已告知、仍未纠正的${told}项不再重复列出）` : ''}：`,
    '',
  ];
  ordered.forEach((finding, index) => {
    lines.push(`${index + 1}. 【${severityLabel[finding.severity]}】${finding.message}`);
    distinctEvidence(finding.evidence).forEach((evidence, evidenceIndex) => {
      const where = `${evidence.file ? `${fileName(evidence.file)}：` : ''}${evidenceQuote(evidence)}（${describeLocation(evidence.location, -1)}）`;
      lines.push(`   ${evidenceIndex === 0 ? '依据：' : '      '}${where}`);
    });
    if (finding.suggestion) lines.push(`   建议：${finding.suggestion}`);
  });
  lines.push(
    '',
    '请核对有误的文件，改正后重新报送。',
    '',
    ...mailSignature(`核对意见全文见附件“${attachmentName}”。`, date),
  );
  return {
    to: contact.to.map((address) => headerSafe(address)),
    cc: contact.cc.map((address) => headerSafe(address)),
    subject: packageMailSubject(pkg, fresh.length),
    text: lines.join('\n'),
    html: memo.html,
    attachments: [{ filename: attachmentName, content: memo.docx, contentType: docxContentType }],
  };
}
