/**
 * The review memo (审核意见) of one submission as an mdast tree: the single source the Markdown, HTML
 * and DOCX renderings are made from, so the three always say the same thing.
 */
import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { Finding } from '../rules/finding-schema.js';
import { formatChineseDate, formatChineseDateText } from './chinese-date.js';
import { distinctEvidence, evidenceLine, ruleLabel } from './evidence-text.js';
import { extractionNotesTitle, extractionProblems, problemLines } from './extraction-notes.js';
import { scoringTableIndex } from './locations.js';
import { bullets, closingParagraph, heading, list, listItem, paragraph, strong, table } from './mdast-builders.js';
import { ocrNotice, uncertainAdviceFor, uncertainPrefix } from './ocr-notes.js';
import type { CheckResult } from './result-schema.js';
import {
  claimedScore,
  findingsBySeverity,
  isPass,
  partialPassVerdict,
  resubmissionAdvice,
  severityAction,
  severityLabel,
  severityOrder,
  unitLabel,
  verdictOf,
  yearLabel,
} from './verdict.js';

export const memoTitle = '部门整体绩效自评报告审核意见';

/** The earlier submission a resubmission replaces, and how the findings moved (compared by ruleId + message). */
export interface MemoSupersedes {
  file: string;
  sha256: string;
  /** When the earlier file was received (ISO timestamp). */
  receivedAt: string;
  fixed: Finding[];
  remaining: Finding[];
  added: Finding[];
}

export interface MemoContext {
  /** The memo's date (printed in China Standard Time). */
  date: Date;
  supersedes?: MemoSupersedes;
  /** Findings the reviewer did not adopt (不采纳) and left out of this memo (issue #15). */
  dismissed?: number;
}

export function buildMemoTree(result: CheckResult, context: MemoContext): Root {
  const children: RootContent[] = [heading(1, memoTitle), identification(result)];
  if (result.status === 'rejected') children.push(...rejectionPart(result));
  else children.push(countsParagraph(result));
  const ocr = ocrNotice(result);
  if (ocr) children.push(paragraph(ocr));
  if (context.dismissed)
    children.push(paragraph(`另有${context.dismissed}项问题经审核人员复核不予采纳，未列入本意见。`));
  if (context.supersedes) children.push(...supersedesPart(context.supersedes));
  if (result.status === 'checked') children.push(...findingsPart(result), ...extractionNotesPart(result));
  children.push(...closing(result, context.date));
  return { type: 'root', children };
}

function identification(result: CheckResult): RootContent {
  const score = claimedScore(result);
  const rows: string[][] = [
    ['单位', unitLabel(result)],
    ['年度', yearLabel(result)],
    ['文件', result.file],
    ['SHA-256', result.sha256],
  ];
  if (result.status === 'checked') rows.push(['自评得分', score === null ? '未能识别' : `${score}分`]);
  const identificationTable = table(['项目', '内容'], [...rows, ['审核结论', strong(verdictOf(result))]]);
  identificationTable.data = { hProperties: { className: ['identification'] } };
  return identificationTable;
}

function countsParagraph(result: CheckResult): Paragraph {
  const findings = result.findings;
  const problems = extractionProblems(result).length;
  // Said here too, so that a reader who stops at the counts knows the check was not complete.
  const notes = problems === 0 ? '' : `另有提取提示${problems}项，请对照原件核对（见「提取提示」）。`;
  if (findings.length === 0) return paragraph(`经审核，未发现数据不一致或格式问题。${notes}`);
  const groups = findingsBySeverity(findings);
  return paragraph(
    `经审核，共发现问题${findings.length}项：错误${groups.error.length}项（须修改），` +
      `警告${groups.warning.length}项（请核实），提示${groups.info.length}项（供参考）。${notes}`,
  );
}

function rejectionPart(result: CheckResult): RootContent[] {
  const error = result.error;
  const reason = error?.message ?? '文件无法读取。';
  const advice = error ? resubmissionAdvice[error.code] : '请提供Word原件（.docx）或带文字层的PDF后重新报送。';
  return [heading(2, '文件无法读取'), paragraph(`原因：${reason}`), heading(2, '请重新报送'), paragraph(advice)];
}

function supersedesPart(supersedes: MemoSupersedes): RootContent[] {
  const parts: RootContent[] = [
    heading(2, '与前次报送的比较'),
    paragraph(
      `本次报送替代${formatChineseDateText(supersedes.receivedAt)}收到的文件「${supersedes.file}」` +
        `（SHA-256：${supersedes.sha256}）。`,
    ),
  ];
  const groups: [string, Finding[]][] = [
    ['已纠正', supersedes.fixed],
    ['仍存在', supersedes.remaining],
    ['新发现', supersedes.added],
  ];
  for (const [label, findings] of groups) {
    parts.push(heading(3, `${label}（${findings.length}项）`));
    parts.push(
      findings.length === 0
        ? paragraph('无。')
        : bullets(
            bySeverity(findings).map(
              (finding) => `【${severityLabel[finding.severity]}】${uncertainPrefix(finding)}${finding.message}`,
            ),
          ),
    );
  }
  return parts;
}

/** Most serious first, keeping the rules' order within a severity. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  const groups = findingsBySeverity(findings);
  return severityOrder.flatMap((severity) => groups[severity]);
}

function findingsPart(result: CheckResult): RootContent[] {
  const scoringTable = scoringTableIndex(result);
  const groups = findingsBySeverity(result.findings);
  const parts: RootContent[] = [];
  for (const severity of severityOrder) {
    const findings = groups[severity];
    if (findings.length === 0) continue;
    parts.push(heading(2, `${severityLabel[severity]}（${findings.length}项，${severityAction[severity]}）`));
    parts.push(
      list(
        true,
        findings.map((finding) => findingItem(finding, scoringTable)),
      ),
    );
  }
  return parts;
}

function findingItem(finding: Finding, scoringTable: number): ListItem {
  const details: ListItem[] = [listItem(paragraph(`规则：${ruleLabel(finding)}`))];
  const distinct = distinctEvidence(finding.evidence);
  if (distinct.length > 0) {
    const evidence: List = bullets(distinct.map((item) => evidenceLine(item, scoringTable)));
    details.push(listItem(paragraph('依据：'), evidence));
  }
  if (finding.suggestion) details.push(listItem(paragraph(`建议：${finding.suggestion}`)));
  if (finding.uncertain) {
    details.unshift(listItem(paragraph(uncertainAdviceFor(finding))));
    return listItem(paragraph(strong(`${uncertainPrefix(finding)}${finding.message}`)), list(false, details));
  }
  return listItem(paragraph(strong(finding.message)), list(false, details));
}

/** What could not be read reliably, after the findings: the reviewer's list of places to check by hand. */
function extractionNotesPart(result: CheckResult): RootContent[] {
  const lines = problemLines(result);
  if (lines.length === 0) return [];
  return [
    heading(2, extractionNotesTitle),
    paragraph('以下内容未能从文件中可靠提取，涉及的数据可能未经核对，请对照原件核实：'),
    bullets(lines),
  ];
}

function closing(result: CheckResult, date: Date): RootContent[] {
  const verdict = verdictOf(result);
  const passed =
    verdict === partialPassVerdict
      ? '审核通过。部分数据未能自动提取，相关核对须对照原件人工完成（见「提取提示」）。'
      : '审核通过。';
  const request =
    result.status === 'rejected'
      ? '请按上述要求重新报送。'
      : !isPass(verdict)
        ? '请对照上述问题逐项修改，修改后重新报送。'
        : result.findings.length > 0
          ? `${passed}上述警告、提示事项请核实，如有误请一并更正。`
          : passed;
  return [
    { type: 'thematicBreak' },
    paragraph(`${request}如对审核意见有疑问，请与县财政局联系。`),
    closingParagraph('县财政局'),
    closingParagraph(`审核日期：${formatChineseDate(date)}`),
  ];
}
