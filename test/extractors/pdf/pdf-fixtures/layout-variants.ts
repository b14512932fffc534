/**
 * Test helper: seed DOCX variants with layouts the PDF reader once misread, each written to PDF by
 * LibreOffice (make-layout-pdfs.ts) and committed beside this file, so a test can check that the
 * PDF extracts like the DOCX it came from:
 * - split-scoring-table: the scoring table as two Word tables, a page break between them, the first
 *   ending with room to spare on its page;
 * - split-scoring-table-full-page: the same cut two rows lower, where the first table fills its page;
 * - plain-headings: （一）/1. headings as plain unindented lines, the body under them unindented too;
 * - borderless-finance: the 收支 figures in a borderless table (as WPS exports it), label | amount.
 */
import {
  editSeed,
  paragraphContaining,
  paragraphXml,
  replaceParagraph,
  replaceText,
  scoringTableParts,
} from '../../support/seed-docx-edit.js';

const PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

/** The scoring table cut before row `at` into two tables, the second on a new page without a header. */
export const splitScoringTableEdit =
  (at: number) =>
  (xml: string): string => {
    const t = scoringTableParts(xml);
    const first = `${t.head}${t.rows.slice(0, at).join('')}</w:tbl>`;
    return `${t.before}${first}${PAGE_BREAK}${t.head}${t.rows.slice(at).join('')}</w:tbl>${t.after}`;
  };

/** Headings the seed styles as Heading2, and body paragraphs under them, as plain unindented paragraphs. */
const PLAIN_HEADINGS = [
  '（一）机构组成。',
  '（二）机构职能、人员概况',
  '（三）2023年重点工作开展情况',
  '（三）坚持发展为要',
];
const UNINDENTED_BODIES = [
  '平等乡人民政府属行政单位',
  '落实国家政策，严格依法行政',
  '平等乡总编制31名',
  '1.强化理论学习。',
  '2.深化主题教育。',
  '一是畜牧生产目标全面完成。',
];

export function plainHeadingsEdit(xml: string): string {
  // Headings that end a few ems short of the margin, with or without a full stop.
  let edited = replaceText(xml, '（二）机构职能和人员概况。', '（二）机构职能、人员概况和2023年度主要职责履行情况。');
  edited = replaceText(
    edited,
    '（三）坚持发展为要，推动农业发展',
    '（三）坚持发展为要，推动农业发展，促进群众持续增收',
  );
  edited = replaceText(edited, '（一）机构组成。', '（一）机构组成。      ');
  for (const heading of PLAIN_HEADINGS) {
    const paragraph = paragraphContaining(edited, heading);
    edited = replaceText(edited, paragraph, paragraph.replace('<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>', ''));
  }
  for (const body of UNINDENTED_BODIES) {
    const paragraph = paragraphContaining(edited, body);
    edited = replaceText(edited, paragraph, paragraph.replace('<w:pPr><w:ind w:firstLine="640"/></w:pPr>', ''));
  }
  return edited;
}

/** A centred paragraph, as WPS lays out the cells of its tables. */
const centredXml = (text: string) =>
  `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A table without any borders (WPS's 「无框线」): every cell one centred paragraph. */
export function borderlessTableXml(rows: readonly (readonly string[])[], widths: readonly number[]): string {
  const none = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="nil"/>`)
    .join('');
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const cell = (text: string, c: number) =>
    `<w:tc><w:tcPr><w:tcW w:w="${widths[c]}" w:type="dxa"/></w:tcPr>${centredXml(text)}</w:tc>`;
  const body = rows.map((row) => `<w:tr>${row.map(cell).join('')}</w:tr>`).join('');
  const width = widths.reduce((a, b) => a + b, 0);
  return `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:tblBorders>${none}</w:tblBorders></w:tblPr>${grid}${body}</w:tbl>`;
}

/** The three finance sentences replaced by a 单位 caption and a borderless 项目 | 金额 table of bare amounts. */
export function borderlessFinanceEdit(xml: string): string {
  let edited = replaceParagraph(
    xml,
    '2023年度部门收入总额801.86万元。',
    paragraphXml('单位：万元') +
      borderlessTableXml(
        [
          ['项目', '金额'],
          ['收入总额', '801.86'],
          ['支出总额', '801.86'],
          ['结转结余', '0'],
        ],
        [3000, 3000],
      ),
  );
  edited = replaceParagraph(edited, '2023年度部门支出总额801.86万元。', '');
  return replaceParagraph(edited, '本年无结转结余。', '');
}

export const layoutVariants = {
  'split-scoring-table': splitScoringTableEdit(9),
  'split-scoring-table-full-page': splitScoringTableEdit(12),
  'plain-headings': plainHeadingsEdit,
  'borderless-finance': borderlessFinanceEdit,
} as const;

export type LayoutVariant = keyof typeof layoutVariants;

export const layoutVariantDocx = (name: LayoutVariant) => editSeed(layoutVariants[name]);
