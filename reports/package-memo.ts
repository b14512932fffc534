/**
 * The memo of a unit's package (SPEC §6–§7, 报送材料核对): which documents of the year are current,
 * the package findings once in their own section (each with the figure from every file and where it
 * stands), then one section per document with its own findings. Pure functions from the package and
 * its documents' results to Markdown, HTML and DOCX (one tree, as for a document's memo); each document
 * keeps its own memo as well.
 */
import type { Root, RootContent } from 'mdast';
import type { Finding } from '../rules/finding-schema.js';
import { formatChineseDate, formatChineseDateText } from './chinese-date.js';
import { distinctEvidence, evidenceQuote, ruleLabel } from './evidence-text.js';
import { describeLocation, scoringTableIndex } from './locations.js';
import { bullets, heading, paragraph, table } from './mdast-builders.js';
import { memoTreeToDocx } from './memo-docx.js';
import { MemoPacker } from './memo-docx-package.js';
import { renderMemoTreeHtml } from './memo-html.js';
import { stringifyMarkdown } from './memo-markdown.js';
import type { CheckResult, PackageResult } from './result-schema.js';
import { findingsBySeverity, severityLabel, severityOrder } from './verdict.js';

export const packageMemoTitle = '单位报送材料核对意见';

/**
 * How the package findings moved with the package's latest resubmission, as a document's memo compares
 * with the file it replaced (与前次报送的比较): the package as it stood just before that file came against
 * the package now, by findingKey. It holds until another document of the package is resubmitted, so a
 * run that changes nothing in the package leaves it as it was.
 */
export interface PackageComparison {
  /** The resubmitted document and the file it replaced, with when that one had come. */
  file: string;
  replaced: { file: string; receivedAt: string };
  fixed: readonly Finding[];
  remaining: readonly Finding[];
  added: readonly Finding[];
}

export interface PackageMemoOptions {
  readonly comparison?: PackageComparison | null;
}

const kindLabels: Record<string, string> = {
  report: '自评报告',
  'overall-form': '部门整体支出绩效自评表',
  'project-form': '项目支出绩效自评表',
  'basic-data': '部门整体支出绩效评价基础数据表',
};

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function bySeverity(findings: readonly Finding[]): Finding[] {
  const groups = findingsBySeverity(findings);
  return severityOrder.flatMap((severity) => groups[severity]);
}

function documentLabel(result: CheckResult): string {
  const kind = result.report?.kind ?? 'report';
  const label = kindLabels[kind] ?? kind;
  return result.report?.project ? `${label}（${result.report.project}）` : label;
}

function comparisonPart(comparison: PackageComparison): RootContent[] {
  const parts: RootContent[] = [
    heading(2, '与前次报送的比较'),
    paragraph(
      `「${fileName(comparison.file)}」替代${formatChineseDateText(comparison.replaced.receivedAt)}收到的` +
        `「${fileName(comparison.replaced.file)}」后，各材料之间的核对：`,
    ),
  ];
  const groups: [string, readonly Finding[]][] = [
    ['已纠正', comparison.fixed],
    ['仍存在', comparison.remaining],
    ['新发现', comparison.added],
  ];
  for (const [label, findings] of groups) {
    parts.push(heading(3, `${label}（${findings.length}项）`));
    parts.push(
      findings.length === 0
        ? paragraph('无。')
        : bullets(bySeverity(findings).map((finding) => `【${severityLabel[finding.severity]}】${finding.message}`)),
    );
  }
  return parts;
}

export function buildPackageMemoTree(
  pkg: PackageResult,
  documents: readonly CheckResult[],
  date: Date,
  options: PackageMemoOptions = {},
): Root {
  const byFile = new Map(documents.map((result) => [result.file, result]));
  const children: RootContent[] = [
    heading(1, packageMemoTitle),
    table(
      ['项目', '内容'],
      [
        ['单位', pkg.unit],
        ['年度', `${pkg.year}年`],
        [
          '现行报送材料',
          pkg.files
            .map((file) => `${fileName(file)}（${byFile.get(file) ? documentLabel(byFile.get(file)!) : '文件'}）`)
            .join('；'),
        ],
      ],
    ),
    ...(options.comparison ? comparisonPart(options.comparison) : []),
    heading(2, `各材料之间的核对（${pkg.findings.length}项）`),
  ];
  if (pkg.findings.length === 0) children.push(paragraph('各材料共同填报的数字一致。'));
  else {
    children.push(
      bullets(
        bySeverity(pkg.findings).map((finding) => {
          const where = distinctEvidence(finding.evidence)
            .map(
              (item) =>
                `${item.file ? `${fileName(item.file)}：` : ''}${evidenceQuote(item)}（${describeLocation(item.location, -1)}）`,
            )
            .join('；');
          const fix = finding.suggestion ? `修改建议：${finding.suggestion}。` : '';
          return `【${severityLabel[finding.severity]}】${ruleLabel(finding)}：${finding.message}。依据：${where}。${fix}`;
        }),
      ),
    );
  }
  for (const file of pkg.files) {
    const result = byFile.get(file);
    if (!result) continue;
    children.push(heading(2, `${documentLabel(result)}：${fileName(file)}`));
    const scoringTable = scoringTableIndex(result);
    if (result.findings.length === 0) children.push(paragraph('未发现数据不一致或格式问题。'));
    else
      children.push(
        bullets(
          bySeverity(result.findings).map((finding) => {
            const where = distinctEvidence(finding.evidence)
              .map((item) => describeLocation(item.location, scoringTable))
              .join('；');
            return `【${severityLabel[finding.severity]}】${finding.message}${where ? `（${where}）` : ''}`;
          }),
        ),
      );
  }
  children.push(paragraph(formatChineseDate(date)));
  return { type: 'root', children };
}

export function renderPackageMemoMarkdown(
  pkg: PackageResult,
  documents: readonly CheckResult[],
  date: Date,
  options: PackageMemoOptions = {},
): string {
  return stringifyMarkdown(buildPackageMemoTree(pkg, documents, date, options));
}

/** The page and document title: 「衡山县贯塘乡人民政府2023年度单位报送材料核对意见」. */
export function packageMemoPageTitle(pkg: Pick<PackageResult, 'unit' | 'year'>): string {
  return `${pkg.unit}${pkg.year}年度${packageMemoTitle}`;
}

export function renderPackageMemoHtml(
  pkg: PackageResult,
  documents: readonly CheckResult[],
  date: Date,
  options: PackageMemoOptions = {},
): string {
  return renderMemoTreeHtml(buildPackageMemoTree(pkg, documents, date, options), packageMemoPageTitle(pkg));
}

/** The memo's settings parts are the documents' memos' ones: compiled once per process, as memo-docx.ts does. */
const packer = new MemoPacker(() => memoTreeToDocx({ type: 'root', children: [] }, ''));

/** Written again for every package on each refresh of the outputs, so packed on the shared template. */
export async function renderPackageMemoDocx(
  pkg: PackageResult,
  documents: readonly CheckResult[],
  date: Date,
  options: PackageMemoOptions = {},
): Promise<Buffer> {
  return packer.pack(memoTreeToDocx(buildPackageMemoTree(pkg, documents, date, options), packageMemoPageTitle(pkg)));
}
