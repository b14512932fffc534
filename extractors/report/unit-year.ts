/**
 * The unit's name as the document states it (from the title, minus 部门整体绩效自评报告, 关于…的报告
 * and 附件N; else a 「报送单位：」 line; else the signature block) and the report's year (the year of
 * 「YYYY年度部门收入总额」, else of the title or the bureau's notice, else the most frequent year in
 * the finance part).
 */

import type { ParagraphBlock } from '../model/document-model.js';
import { compact } from '../text/normalize.js';
import type { ExtractionRecorder } from './evidence.js';
import type { FigureRef, Narrative } from './narrative.js';
import { figuresOf } from './narrative.js';
import type { SectionMap } from './sections.js';

/** What a title says besides the unit: the report's name, its year, an 附件 label. */
function unitFromTitle(title: string): string {
  let text = compact(title).replace(/^附件[\d０-９一二三四五六七八九十]*[：:、.．]?/, '');
  // 「平等乡人民政府关于2023年度部门整体支出绩效自评情况的报告」: the unit writes before 关于, or just after it.
  const about = text.indexOf('关于');
  if (about > 0) text = text.slice(0, about);
  else if (about === 0) text = text.slice(2);
  return cleanUnit(text.replace(REPORT_NAME, '').replace(/[（(]?(?:\d{4}|[０-９]{4})年度?[）)]?/g, ''));
}

const REPORT_NAME =
  /(?:机关整体支出|部门整体支出|部门整体|整体支出|机关|部门|单位)?(?:预算)?(?:绩效)?(?:自评|评价)(?:工作)?(?:情况)?(?:的)?报告.*$/;

function cleanUnit(text: string): string {
  return (
    text
      .replace(/[（(](?:盖章|公章|章)[）)]/g, '')
      .replace(/^[\s:：、，,。.]+|[\s:：、，,。.]+$/g, '')
      // A unit's name is words; slashes, dots and the like would only end up in file names and paths.
      .replace(/[^\p{L}\p{N}（）()·・—-]/gu, '')
  );
}

/** 「报送单位：平等乡人民政府（盖章）    填报日期：…」 */
const SENDER_LINE =
  /^(?:(?:报送|填报|编报|申报|报告|评价|自评)单位(?:名称)?|单位名称)[（(]?(?:盖章|公章)?[）)]?[：:]\s*([^\t]+?)(?:\s{2,}|\t|(?:填报|报送)?(?:日期|时间)|联系人|电话|$)/;
/** The signature block: the unit's name on its own line, the date on the next. */
const SIGNATURE_NAME =
  /^[\p{Script=Han}（）()]{2,30}(?:人民政府|办事处|局|委员会|委|办公室|中心|院|所|站|队|馆|社|会|部|处|厅|室)$/u;
const DATE_LINE =
  /^(?:\d{4}|[０-９]{4}|二[〇○零]二[〇○零一二三四五六七八九])年[\d０-９一二三四五六七八九十〇○]{1,3}月[\d０-９一二三四五六七八九十〇○]{1,3}日$/;

function unitFromSenderLine(paragraphs: readonly ParagraphBlock[]): { unit: string; source: ParagraphBlock } | null {
  for (const paragraph of paragraphs) {
    const match = SENDER_LINE.exec(paragraph.text.trim());
    const unit = match ? cleanUnit(compact(match[1]!)) : '';
    if (unit !== '') return { unit, source: paragraph };
  }
  return null;
}

function unitFromSignature(paragraphs: readonly ParagraphBlock[]): { unit: string; source: ParagraphBlock } | null {
  for (let i = paragraphs.length - 2; i >= 0; i--) {
    const name = compact(paragraphs[i]!.text);
    if (SIGNATURE_NAME.test(name) && DATE_LINE.test(compact(paragraphs[i + 1]!.text))) {
      return { unit: cleanUnit(name), source: paragraphs[i]! };
    }
  }
  return null;
}

/** The unit as the document states it: from the title, else a 「报送单位：」 line, else the signature block. */
export function parseUnit(narrative: Narrative, sections: SectionMap, recorder: ExtractionRecorder): string | null {
  let found: { unit: string; source: ParagraphBlock } | null = null;
  const titleIndex = sections.titleParagraph;
  if (titleIndex !== null) {
    const title = narrative.paragraphs[titleIndex]!;
    found = { unit: unitFromTitle(title.text), source: title };
    // A title broken over two lines: 「平等乡人民政府」 then 「部门整体绩效自评报告」.
    const previous = narrative.paragraphs[titleIndex - 1];
    if (found.unit === '' && previous && compact(previous.text).length <= 30 && !/^附件/.test(compact(previous.text))) {
      found = { unit: unitFromTitle(previous.text), source: previous };
    }
    if (found.unit === '') found = null;
  }
  found ??= unitFromSenderLine(narrative.paragraphs) ?? unitFromSignature(narrative.paragraphs);
  if (found) {
    recorder.record('unit', {
      label: '单位名称',
      value: null,
      text: found.source.text.trim(),
      location: { ...found.source.location },
    });
    return found.unit;
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
