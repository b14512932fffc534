/**
 * text.year-mismatch: a figure dated in a year other than the report's — 「2024年医疗保险参保率83.79%」
 * in a 2023 report — is usually a figure copied from another year's report. A year counts as dating
 * a figure when the figure follows it in the same clause; years in document titles (《…》), ranges,
 * comparisons (较2022年) and spans (2021年以来) date nothing.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { figureEvidence, type ReadonlyFigure, type ReadonlySentence } from './support/sentence-figures.js';

const clauseBreak = /[，,；;。！？!?：:\n]/;
const notDatingBefore = /(较|比|与|同|截至|截止|至|到|自|从|—|-|－|～|~)\s*$/;
const notDatingAfter = /^(度)?\s*(以来|至今|起|前|以前|之前|后|以后|同期|相比|比较|—|-|－|～|~|至)/;

function insideTitle(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf('《') > before.lastIndexOf('》');
}

function clauseEnd(text: string, from: number): number {
  const rest = text.slice(from);
  const match = clauseBreak.exec(rest);
  return match ? from + match.index : text.length;
}

/** The figures a year figure dates: those after it in its clause, up to the next year. */
export function datedFigures(sentence: ReadonlySentence, year: ReadonlyFigure): ReadonlyFigure[] {
  const { text } = sentence;
  if (insideTitle(text, year.start)) return [];
  if (notDatingBefore.test(text.slice(Math.max(0, year.start - 3), year.start))) return [];
  if (notDatingAfter.test(text.slice(year.end, year.end + 4))) return [];
  const end = clauseEnd(text, year.end);
  const dated: ReadonlyFigure[] = [];
  for (const figure of [...sentence.figures].sort((a, b) => a.start - b.start)) {
    if (figure.start < year.end || figure.start >= end) continue;
    if (figure.kind === 'year') break;
    dated.push(figure);
  }
  return dated;
}

function plausibleYear(figure: ReadonlyFigure): number | null {
  const year = Number(figure.value);
  return Number.isInteger(year) && year >= 1949 && year <= 2100 ? year : null;
}

export default defineRule({
  meta: {
    id: 'text.year-mismatch',
    title: '数据年度与报告年度一致',
    defaultSeverity: 'info',
    description: {
      summary:
        '正文中标明其他年度的数据（如2023年度报告中的「2024年医疗保险参保率83.79%」）可能抄自其他年度的材料，应予核实。文件标题中的年份、「较2022年」「2021年以来」等不在此列。',
      correct: '2023年度报告中写「2023年医疗保险参保率98.5%」。',
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
    for (const sentence of context.extraction.sentences) {
      for (const yearFigure of sentence.figures) {
        if (yearFigure.kind !== 'year') continue;
        const year = plausibleYear(yearFigure);
        if (year === null || year === reportYear) continue;
        for (const figure of datedFigures(sentence, yearFigure)) {
          context.report({
            messageId: 'otherYear',
            data: {
              excerpt: sentence.text.slice(yearFigure.start, figure.end),
              label: figure.label,
              figure: figure.raw,
              year,
              reportYear,
            },
            evidence: [figureEvidence(sentence, yearFigure), figureEvidence(sentence, figure)],
            suggestion: 'check',
          });
        }
      }
    }
  },
});
