/**
 * text.year-mismatch: a figure dated in a year other than the report's — 「2024年医疗保险参保率83.79%」
 * in a 2023 report — is usually a figure copied from another year's report. A year counts as dating
 * the figures that follow it in the same clause (one finding per year, however many figures it
 * dates); years in document titles (《…》), ranges, comparisons (较2022年) and spans (2021年以来) date
 * nothing. Plans and targets for a later year (「力争2024年…」「2024年将…」) are not another year's
 * performance, nor is anything in the 下一步/改进建议 part.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { enclosingHeadings } from './support/outline.js';
import { figureEvidence, type ReadonlyFigure, type ReadonlySentence } from './support/sentence-figures.js';

const clauseBreak = /[，,；;。！？!?：:\n]/;
const notDatingBefore = /(较|比|与|同|截至|截止|至|到|自|从|—|-|－|～|~)\s*$/;
const notDatingAfter = /^(度)?\s*(以来|至今|起|前|以前|之前|后|以后|同期|相比|比较|—|-|－|～|~|至)/;
/** A year followed by a month is a date (填报日期：2024年3月15日): its day and month date nothing. */
const monthAfter = /^\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月/;
/** Words that make a clause a plan or target rather than a result. */
const forwardWords = /计划|力争|争取|预计|预期|拟|确保|力求|规划|打算|目标|下一步|明年|今后|届时|有望|将(?![近其之])/;
/** A paragraph opening with these is about what comes next. */
const forwardOpener = /^(下一步|明年|今后|接下来|未来|展望)/;
/** Headings of the part that says what comes next (四（三）改进建议, 下一步工作打算, …). */
const plansPart = /下一步|改进建议|改进措施|整改措施|意见建议|工作打算|工作计划|工作思路|工作安排|努力方向|今后|展望/;

function insideTitle(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf('《') > before.lastIndexOf('》');
}

function clauseEnd(text: string, from: number): number {
  const rest = text.slice(from);
  const match = clauseBreak.exec(rest);
  return match ? from + match.index : text.length;
}

function clauseStart(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (clauseBreak.test(text[i]!)) return i + 1;
  return 0;
}

/** The figures a year figure dates: those after it in its clause, up to the next year. */
export function datedFigures(sentence: ReadonlySentence, year: ReadonlyFigure): ReadonlyFigure[] {
  const { text } = sentence;
  if (insideTitle(text, year.start)) return [];
  if (notDatingBefore.test(text.slice(Math.max(0, year.start - 3), year.start))) return [];
  if (notDatingAfter.test(text.slice(year.end, year.end + 4))) return [];
  if (monthAfter.test(text.slice(year.end, year.end + 5))) return [];
  const end = clauseEnd(text, year.end);
  const dated: ReadonlyFigure[] = [];
  for (const figure of [...sentence.figures].sort((a, b) => a.start - b.start)) {
    if (figure.start < year.end || figure.start >= end) continue;
    if (figure.kind === 'year') break;
    dated.push(figure);
  }
  return dated;
}

/**
 * Whether the clause of `year` states a plan or target: a forward word before the year in its clause
 * (「力争2024年」) or between the year and its first figure (「2024年将新增」). 「雨露计划34人」 names a
 * programme: 计划 right before the figure does not count.
 */
export function forwardLooking(sentence: ReadonlySentence, year: ReadonlyFigure, first: ReadonlyFigure): boolean {
  const { text } = sentence;
  const before = text.slice(clauseStart(text, year.start), year.start);
  const between = text.slice(year.end, first.start).replace(/计划\s*$/, '');
  return forwardWords.test(before) || forwardWords.test(between);
}

function plausibleYear(figure: ReadonlyFigure): number | null {
  const year = Number(figure.value);
  return Number.isInteger(year) && year >= 1949 && year <= 2100 ? year : null;
}

function uniqueJoined(values: readonly string[]): string {
  return [...new Set(values.filter((v) => v !== ''))].join('、');
}

export default defineRule({
  meta: {
    id: 'text.year-mismatch',
    title: '数据年度与报告年度一致',
    defaultSeverity: 'info',
    description: {
      summary:
        '正文中标明其他年度的数据（如2023年度报告中的「2024年医疗保险参保率83.79%」）可能抄自其他年度的材料，应予核实。文件标题中的年份、「较2022年」「2021年以来」、以后年度的计划和目标（「力争2024年…」「2024年将…」）以及「下一步工作」「改进建议」部分不在此列。',
      correct: '2023年度报告中写「2023年医疗保险参保率98.5%」或「力争2024年医疗保险参保率达到95%」。',
      incorrect: '2023年度报告中写「2024年医疗保险参保率83.79%」。',
    },
    messages: {
      otherYear: '「{{excerpt}}」所述为{{year}}年的数据，与报告年度{{reportYear}}年不符',
      check: '请核实该数据是否为{{reportYear}}年度数据',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const reportYear = context.submission.report.year;
    if (reportYear === null) return;
    const { headings, sentences } = context.extraction;
    const opensWithPlans = new Set(
      sentences.filter((s) => s.offset === 0 && forwardOpener.test(s.text)).map((s) => s.location.paragraph),
    );
    for (const sentence of sentences) {
      // Most sentences state no year: they need no look at their headings.
      if (!sentence.figures.some((figure) => figure.kind === 'year')) continue;
      if (opensWithPlans.has(sentence.location.paragraph) || forwardOpener.test(sentence.text)) continue;
      if (enclosingHeadings(headings, sentence.location).some((h) => plansPart.test(h.text))) continue;
      for (const yearFigure of sentence.figures) {
        if (yearFigure.kind !== 'year') continue;
        const year = plausibleYear(yearFigure);
        if (year === null || year === reportYear) continue;
        const dated = datedFigures(sentence, yearFigure);
        const last = dated[dated.length - 1];
        if (last === undefined) continue;
        if (year > reportYear && forwardLooking(sentence, yearFigure, dated[0]!)) continue;
        context.report({
          messageId: 'otherYear',
          data: {
            excerpt: sentence.text.slice(yearFigure.start, last.end),
            label: uniqueJoined(dated.map((f) => f.label)),
            figure: dated.map((f) => f.raw).join('、'),
            year,
            reportYear,
          },
          evidence: [yearFigure, ...dated].map((f) => figureEvidence(sentence, f)),
          suggestion: 'check',
        });
      }
    }
  },
});
