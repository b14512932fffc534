/** The bureau's summary as Markdown for a screen: the same tables as the workbook. */
import type { Root } from 'mdast';
import { heading, paragraph, table } from './mdast-builders.js';
import { stringifyMarkdown } from './memo-markdown.js';
import {
  detailHeaders,
  detailRows,
  extractionHeaders,
  extractionRows,
  overviewHeaders,
  overviewRows,
  packageDetailRows,
  type SummaryPackage,
  type SummaryRow,
  summaryCounts,
  supersededHeaders,
  supersededRows,
} from './summary-rows.js';

const cell = (value: string | number | null): string => (value === null ? '' : String(value).replace(/\n/g, '；'));

export function renderSummaryMarkdown(rows: readonly SummaryRow[], packages: readonly SummaryPackage[] = []): string {
  const overview = overviewRows(rows, packages).map((cells) => {
    return [
      cells.unit,
      cell(cells.year),
      cell(cells.file),
      cells.status,
      cell(cells.score),
      cell(cells.errors),
      cell(cells.warnings),
      cell(cells.infos),
      cell(cells.problems),
      cells.firstError,
      cells.mail,
      cells.grade,
      cells.impliedGrade,
      cells.ocr,
    ];
  });
  const details = [...detailRows(rows), ...packageDetailRows(packages)].map((detail) =>
    detailHeaders.map((header) => cell(detail[header])),
  );
  const superseded = supersededRows(rows).map((entry) => supersededHeaders.map((header) => cell(entry[header])));
  const problems = extractionRows(rows).map((problem) => extractionHeaders.map((header) => cell(problem[header])));
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, '部门整体绩效自评报告审核汇总'),
      paragraph(summaryCounts(rows)),
      heading(2, '汇总'),
      table([...overviewHeaders], overview),
      heading(2, '问题明细'),
      details.length === 0 ? paragraph('没有发现问题。') : table([...detailHeaders], details),
      heading(2, '提取提示'),
      problems.length === 0 ? paragraph('没有提取提示。') : table([...extractionHeaders], problems),
      ...(superseded.length === 0 ? [] : [heading(2, '已被替代'), table([...supersededHeaders], superseded)]),
    ],
  };
  return stringifyMarkdown(tree);
}
