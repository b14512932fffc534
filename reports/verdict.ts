/** The review's conclusion for one result and the wording that goes with it (severity names, resubmission advice). */
import type { RejectionCode } from '../extractors/model/rejection.js';
import type { Finding, Severity } from '../rules/finding-schema.js';
import { hasMissingFigures } from './extraction-notes.js';
import type { CheckResult } from './result-schema.js';

/** No error, but a figure some rule needs was not found: those checks did not run, so the pass is not a clean one. */
export const partialPassVerdict = '通过（部分数据未能提取，请人工核对）';

export type Verdict = '通过' | typeof partialPassVerdict | '需修改后重新报送' | '退回，请重新报送';

export function verdictOf(
  result: Pick<CheckResult, 'status' | 'findings'> & Partial<Pick<CheckResult, 'extraction'>>,
): Verdict {
  if (result.status === 'rejected') return '退回，请重新报送';
  if (result.findings.some((finding) => finding.severity === 'error')) return '需修改后重新报送';
  return hasMissingFigures(result) ? partialPassVerdict : '通过';
}

/** Both kinds of pass: nothing has to be corrected and resubmitted. */
export function isPass(verdict: Verdict): boolean {
  return verdict === '通过' || verdict === partialPassVerdict;
}

/** Most serious first: the order of the memo's sections. */
export const severityOrder: readonly Severity[] = ['error', 'warning', 'info'];

export const severityLabel: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** What the unit is asked to do about findings of each severity. */
export const severityAction: Record<Severity, string> = {
  error: '须修改',
  warning: '请核实',
  info: '供参考',
};

export function findingsBySeverity(findings: readonly Finding[]): Record<Severity, Finding[]> {
  const groups: Record<Severity, Finding[]> = { error: [], warning: [], info: [] };
  for (const finding of findings) groups[finding.severity].push(finding);
  return groups;
}

/** What to send instead of a file that could not be read, by rejection code. */
export const resubmissionAdvice: Record<RejectionCode, string> = {
  'empty-file':
    '收到的文件是空文件（0字节），可能在复制或上传时中断。请重新导出后报送Word原件（.docx）或带文字层的PDF。',
  'unsupported-format':
    '文件格式无法审核。请提供Word原件（.docx）或带文字层的PDF；旧版.doc文件请在Word或WPS中“另存为”.docx后报送，不要报送图片或压缩包。',
  'corrupt-file': '文件已损坏或不完整，无法打开。请在Word或WPS中重新保存（或重新导出PDF），确认能正常打开后重新报送。',
  encrypted:
    '文件设置了密码或加密保护，无法读取。请取消密码后重新报送（Word/WPS：文件→信息→保护文档→用密码进行加密，清空密码后保存；PDF导出时不要设置打开密码）。',
  'no-text-layer':
    '文件是扫描件或图片型PDF，没有可读取的文字。请提供Word原件（.docx）或由Word/WPS直接导出的带文字层的PDF，不要打印后扫描。',
  'too-large': '文件超出审核系统的大小或页数限制。请删除无关附件、压缩图片后重新导出，或直接报送Word原件（.docx）。',
  'not-a-report':
    '该文件不是部门整体绩效自评报告。请按县财政局通知的模板填写《部门整体绩效自评报告》（含附件“县级部门整体绩效自评打分表”）后重新报送。',
};

export function unitLabel(result: Pick<CheckResult, 'report'>): string {
  return result.report?.unit?.trim() || '未能识别';
}

export function yearLabel(result: Pick<CheckResult, 'report'>): string {
  const year = result.report?.year;
  return year === null || year === undefined ? '未能识别' : `${year}年度`;
}

/** The score the unit claims: the conclusion's, else the table's total. */
export function claimedScore(result: Pick<CheckResult, 'report'>): number | null {
  const scoring = result.report?.scoring;
  return scoring?.conclusionScore ?? scoring?.tableTotal ?? null;
}
