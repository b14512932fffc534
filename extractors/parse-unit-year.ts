/**
 * The unit's name (from the title, minus 部门整体绩效自评报告 and 附件N) and the report's year (the
 * year of 「YYYY年度部门收入总额」, else of the title or the bureau's notice, else the most frequent
 * year in the finance part).
 */
import type { ParagraphBlock } from './document-model.js';
import type { ExtractionRecorder } from './report-evidence.js';
import type { FigureRef, Narrative } from './report-narrative.js';
import { figuresOf } from './report-narrative.js';
import type { SectionMap } from './report-sections.js';

const compact = (text: string) => text.replace(/\s+/g, '');

function unitFromTitle(title: string): string {
  return (
    compact(title)
      .replace(/^附件[\d０-９一二三四五六七八九十]*[：:、.．]?/, '')
      .replace(/(?:部门整体支出|部门整体|整体支出|部门|单位)?(?:绩效)?自评报告.*$/, '')
      .replace(/[（(]?(?:\d{4}|[０-９]{4})年度?[）)]?/g, '')
      .replace(/^[\s:：、，,。.]+|[\s:：、，,。.]+$/g, '')
      // A unit's name is words; slashes, dots and the like would only end up in file names and paths.
      .replace(/[^\p{L}\p{N}（）()·・—-]/gu, '')
  );
}

export function parseUnit(narrative: Narrative, sections: SectionMap, recorder: ExtractionRecorder): string | null {
  const titleIndex = sections.titleParagraph;
  if (titleIndex !== null) {
    const title = narrative.paragraphs[titleIndex]!;
    let source: ParagraphBlock = title;
    let unit = unitFromTitle(title.text);
    // A title broken over two lines: 「平等乡人民政府」 then 「部门整体绩效自评报告」.
    const previous = narrative.paragraphs[titleIndex - 1];
    if (unit === '' && previous && compact(previous.text).length <= 30 && !/^附件/.test(compact(previous.text))) {
      source = previous;
      unit = unitFromTitle(previous.text);
    }
    if (unit !== '') {
      recorder.record('unit', {
        label: '单位名称',
        value: null,
        text: source.text.trim(),
        location: { ...source.location },
      });
      return unit;
    }
  }
  recorder.missing('unit', '报告标题中的单位名称');
  return null;
}

const INCOME_LABEL = /收入总额|总收入|收入合计|支出总额|总支出/;

export function parseYear(narrative: Narrative, sections: SectionMap, recorder: ExtractionRecorder): number | null {
  const years = figuresOf(narrative.sentences).filter((ref) => ref.figure.kind === 'year');
  const chosen =
    years.find((ref) =>
      ref.sentence.figures.some((f, i) => i > ref.index && f.kind === 'money' && INCOME_LABEL.test(f.label)),
    ) ??
    years.find((ref) => sections.paragraphSections[ref.sentence.paragraph] === 'title') ??
    years.find((ref) => /《[^》]*通知/.test(ref.sentence.text)) ??
    mostFrequent(years.filter((ref) => sections.paragraphSections[ref.sentence.paragraph] === 'finance'));
  if (!chosen) {
    recorder.missing('year', '报告年度');
    return null;
  }
  return recorder.take('year', chosen.sentence, chosen.index, '年度');
}

function mostFrequent(refs: FigureRef[]): FigureRef | undefined {
  const counts = new Map<string, { count: number; first: FigureRef }>();
  for (const ref of refs) {
    const key = ref.figure.value.toFixed();
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { count: 1, first: ref });
  }
  let best: { count: number; first: FigureRef } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.first;
}
