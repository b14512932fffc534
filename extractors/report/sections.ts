/**
 * Where the template's parts start (SPEC §1), found by their keywords rather than by heading
 * numbers, which real submissions renumber. Also tells whether a document is a self-assessment
 * report at all.
 */
import { cellLocationOf, type ParagraphBlock, type TableBlock } from '../model/document-model.js';
import type { Extraction, SectionKey } from '../model/report-schema.js';
import { readHeadingMarker } from '../text/headings.js';
import { compact } from '../text/normalize.js';

/** 「…绩效自评报告」, 「…关于2023年度部门整体支出绩效自评情况的报告」, 「…绩效评价报告」. */
const TITLE = /(?:自评|绩效评价)(?:工作)?(?:情况)?(?:的)?报告(?!如下)/;
/**
 * The wordings units really use for each part. 「部门整体支出绩效目标」 is a subsection of 部门基本情况,
 * never the performance part, however much it looks like 「部门整体支出绩效情况」.
 */
const NARRATIVE_SECTIONS: readonly [Exclude<SectionKey, 'title' | 'scoringTable'>, RegExp][] = [
  ['basicInfo', /部门基本情况|单位基本情况|基本情况|部门概况|单位概况|基本概况/],
  [
    'finance',
    /收支情况|收入支出情况|收入和支出情况|资金收支|预算收支|预算执行情况|收支决算|支出概况|支出管理及使用情况/,
  ],
  ['performance', /绩效管理情况|整体绩效管理|绩效管理工作情况|整体支出绩效(?:情况|分析|实现情况|完成情况)/],
  ['conclusion', /评价结论|自评结论|评价结果|自评结果|结论(?:及|和|与)建议|总体评价|综合评价|自评得分情况/],
];
/**
 * Wordings that name the part only as a top-level heading (一、 or Word's Heading 1): 「三、绩效分析」 is
 * the part, 「（三）重点工作绩效完成情况」 a subsection of another.
 */
const TOP_LEVEL_SECTIONS: readonly [Exclude<SectionKey, 'title' | 'scoringTable'>, RegExp][] = [
  ['performance', /绩效(?:情况|分析|实现情况|完成情况)$|履职绩效/],
];

const isTopLevel = (paragraph: ParagraphBlock) => {
  const marker = readHeadingMarker(paragraph.text);
  return marker ? marker.level === 1 : paragraph.headingLevel === 1;
};

export interface SectionMap {
  readonly sections: Extraction['sections'];
  /** For each paragraph (by index), the part it belongs to, or null before the first part. */
  readonly paragraphSections: readonly (SectionKey | null)[];
  /** Index of the title paragraph, or null. */
  readonly titleParagraph: number | null;
}

/** A paragraph short enough, or numbered, to be a heading of the template's parts. */
function isHeadingLike(paragraph: ParagraphBlock): boolean {
  const text = compact(paragraph.text);
  if (text.length <= 40) return true;
  if (!readHeadingMarker(paragraph.text) && paragraph.headingLevel === null) return false;
  const firstClause = text.split(/[。；;]/)[0] ?? '';
  return firstClause.length <= 40;
}

export function findSections(paragraphs: readonly ParagraphBlock[], scoringTable: TableBlock | null): SectionMap {
  const sections: Extraction['sections'] = {
    title: null,
    basicInfo: null,
    finance: null,
    performance: null,
    conclusion: null,
    scoringTable: scoringTable ? cellLocationOf(scoringTable, 0, 0) : null,
  };
  const paragraphSections: (SectionKey | null)[] = [];
  let current: SectionKey | null = null;
  let titleParagraph: number | null = null;
  paragraphs.forEach((paragraph, i) => {
    const text = compact(paragraph.text);
    if (sections.title === null && text.length <= 80 && TITLE.test(text) && !text.includes('《')) {
      sections.title = { ...paragraph.location };
      titleParagraph = i;
      current = 'title';
    } else if (isHeadingLike(paragraph)) {
      const heading = text.split(/[。；;]/)[0] ?? '';
      const patterns = isTopLevel(paragraph) ? [...NARRATIVE_SECTIONS, ...TOP_LEVEL_SECTIONS] : NARRATIVE_SECTIONS;
      for (const [key, pattern] of patterns) {
        if (sections[key] === null && pattern.test(heading)) {
          sections[key] = { ...paragraph.location };
          current = key;
          break;
        }
      }
    }
    paragraphSections[i] = current;
  });
  return { sections, paragraphSections, titleParagraph };
}

/**
 * Whether a document without a scoring table is still a self-assessment report: it must say so
 * (部门整体绩效自评 / 收支情况 / 自评报告) and look like one — a report title, or two of the
 * template's parts. A notice that merely mentions 部门整体绩效自评工作 is not a report.
 */
export function looksLikeReport(paragraphs: readonly ParagraphBlock[], map: SectionMap): boolean {
  const says = paragraphs.some((paragraph) =>
    /部门整体绩效自评|收支情况|自评报告|整体支出绩效|绩效评价报告/.test(compact(paragraph.text)),
  );
  if (!says) return false;
  const parts = (['basicInfo', 'finance', 'performance', 'conclusion'] as const).filter(
    (key) => map.sections[key] !== null,
  );
  return map.sections.title !== null || parts.length >= 2;
}
