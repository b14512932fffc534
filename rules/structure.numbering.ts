/**
 * structure.numbering: heading numbers run in sequence — 一、二、… at level 1, （一）（二）… at
 * level 2 restarting under each level-1 heading, 1. 2. … at level 3 restarting under each higher
 * heading. One finding per document lists every break.
 */
import { z } from 'zod';
import type { Evidence, Heading } from '../extractors/model/report-schema.js';
import { type DeepReadonly, defineRule } from './rule.js';
import { chineseNumeral } from './support/format.js';

export function headingMarker(level: number, n: number): string {
  if (level === 1) return `${chineseNumeral(n)}、`;
  if (level === 2) return `（${chineseNumeral(n)}）`;
  return `${n}.`;
}

interface NumberingBreak {
  heading: DeepReadonly<Heading>;
  expected: number;
  previous: number;
}

/** Follows the document's own numbering after a break, so that one slip is reported once, not at every later heading. */
export function numberingBreaks(headings: readonly DeepReadonly<Heading>[]): NumberingBreak[] {
  const last = new Map<number, number>();
  const breaks: NumberingBreak[] = [];
  for (const heading of headings) {
    const previous = last.get(heading.level) ?? 0;
    const expected = previous + 1;
    if (heading.number !== expected) breaks.push({ heading, expected, previous });
    last.set(heading.level, heading.number);
    for (const level of [...last.keys()]) if (level > heading.level) last.delete(level);
  }
  return breaks;
}

function describe(b: NumberingBreak): string {
  const { heading, expected, previous } = b;
  const text = heading.text.trim();
  const written = `「${text.startsWith(heading.marker) ? text : heading.marker + text}」`;
  const should = headingMarker(heading.level, expected);
  if (heading.number === previous) return `${written}与上一标题编号重复，应为${should}`;
  if (heading.number < previous)
    return `${written}编号回退（上一标题为${headingMarker(heading.level, previous)}），应为${should}`;
  return `${written}跳号，应为${should}`;
}

function headingEvidence(heading: DeepReadonly<Heading>): DeepReadonly<Evidence> {
  return {
    label: heading.marker,
    value: heading.number,
    text: heading.text,
    location: heading.location,
    halfUnit: 0,
    approximate: false,
  };
}

export default defineRule({
  meta: {
    id: 'structure.numbering',
    title: '标题编号连续',
    defaultSeverity: 'info',
    description: {
      summary:
        '各级标题编号应连续：一级「一、二、」，二级「（一）（二）」在每个一级标题下重新编号，三级「1. 2.」在每个上级标题下重新编号。',
      correct: '「（三）2023年重点工作开展情况」之后是「（四）部门整体支出绩效目标」。',
      incorrect: '「（三）2023年重点工作开展情况」之后又出现「（一）坚持理论武装」。',
    },
    messages: {
      breaks: '标题编号不连续（{{count}}处）：{{list}}',
      renumber: '请按层级顺序重新编号标题',
    },
    options: z.strictObject({}),
  },
  check(context) {
    const breaks = numberingBreaks(context.extraction.headings);
    if (breaks.length === 0) return;
    context.report({
      messageId: 'breaks',
      data: { count: breaks.length, list: breaks.map(describe).join('；') },
      evidence: breaks.map((b) => headingEvidence(b.heading)),
      suggestion: 'renumber',
    });
  },
});
