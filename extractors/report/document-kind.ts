/**
 * Which of the official forms a document is (SPEC §6), by its labels: the form's title, or the labels
 * its table carries when the title is missing or worded otherwise. Whether it is a narrative report
 * is the section finder's question (sections.ts); a report with forms attached stays a report.
 */

import type { ParagraphBlock } from '../model/document-model.js';
import type { DocumentKind } from '../model/report-schema.js';
import { compact, type FormRow } from './form-cells.js';
import { findIndicatorHeader } from './form-indicators.js';
import { findFundsHeader } from './funds-block.js';

export type FormKind = Exclude<DocumentKind, 'report'>;

const TITLES: readonly [FormKind, RegExp][] = [
  ['basic-data', /绩效评价基础数据表|基础数据表/],
  ['project-form', /项目支出绩效自评表|项目绩效自评表|项目支出绩效目标自评表/],
  ['overall-form', /整体支出绩效自评表|部门整体绩效自评表|整体绩效目标自评表/],
];

export function detectFormKind(paragraphs: readonly ParagraphBlock[], rows: readonly FormRow[]): FormKind | null {
  // A title stands among the first paragraphs or in the table's caption row.
  // A notice 「关于报送…自评表的通知」 names a form without being one: a title ends with the form's name.
  const titles = [
    ...paragraphs.slice(0, 6).map((paragraph) => compact(paragraph.text)),
    ...rows.slice(0, 2).flatMap((row) => row.cells.map((cell) => cell.text)),
  ]
    .map((text) => text.replace(/[（(]\d{4}年度?[）)]$/, ''))
    .filter((text) => text.length <= 40 && !/关于|通知|说明|报告/.test(text));
  if (rows.length > 0) {
    for (const [kind, pattern] of TITLES)
      if (titles.some((text) => new RegExp(`(?:${pattern.source})$`).test(text))) return kind;
  }

  const has = (pattern: RegExp) => rows.some((row) => row.cells.some((cell) => pattern.test(cell.text)));
  if (has(/财政供养人员/) && has(/控制率/)) return 'basic-data';
  const form = findFundsHeader(rows) >= 0 && findIndicatorHeader(rows) >= 0;
  if (form && has(/^项目名称/) && has(/^(?:主管部门|实施单位)/)) return 'project-form';
  if (form) return 'overall-form';
  return null;
}
