/**
 * Numbered headings at the start of paragraphs: 一、 (level 1), （一） or (一) (level 2), 1. 1、 1．
 * (level 3). A level-3 marker followed by a digit (「2.100万以上项目」) is a heading only when its
 * number continues the sequence; otherwise it is the decimal it looks like.
 */
import type { ParagraphBlock } from '../model/document-model.js';
import type { Heading } from '../model/report-schema.js';
import { toHalfWidth } from './normalize.js';
import { parseChineseNumeral } from './numbers.js';

/** A numbering marker at the start of a text, as written. */
export interface HeadingMarker {
  /** The marker as written, e.g. "一、", "（一）", "2.". */
  readonly marker: string;
  readonly level: 1 | 2 | 3;
  readonly number: number;
  /** Offset just after the marker (leading whitespace included). */
  readonly end: number;
  /** Whether a digit follows a level-3 marker ending in a point, which makes it read like a decimal. */
  readonly ambiguous: boolean;
}

const LEVEL_1 = /^(\s*)([一二三四五六七八九十]{1,3})\s*[、．.]/;
const LEVEL_2 = /^(\s*)[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]/;
const LEVEL_3 = /^(\s*)(\d{1,2})\s*([.、])/;

/** Reads the numbering marker a text starts with, if any (「一是」 is not one). */
export function readHeadingMarker(text: string): HeadingMarker | null {
  const normalized = toHalfWidth(text);
  for (const [pattern, level] of [
    [LEVEL_1, 1],
    [LEVEL_2, 2],
  ] as const) {
    const match = pattern.exec(normalized);
    if (!match) continue;
    const number = parseChineseNumeral(match[2]!);
    if (number === null || number.isNaN() || number.isZero()) continue;
    const end = match[0].length;
    return { marker: text.slice(match[1]!.length, end), level, number: number.toNumber(), end, ambiguous: false };
  }
  const match = LEVEL_3.exec(normalized);
  if (!match) return null;
  const end = match[0].length;
  const number = Number(match[2]);
  if (number === 0) return null;
  const ambiguous = match[3] === '.' && /\d/.test(normalized[end] ?? '');
  return { marker: text.slice(match[1]!.length, end), level: 3, number, end, ambiguous };
}

/** Heading text as a reviewer would quote it: the marker and the words up to the first stop. */
function headingText(text: string): string {
  const trimmed = text.trim();
  const stop = trimmed.search(/[。；;\n]/);
  return (stop === -1 ? trimmed : trimmed.slice(0, stop)).trim();
}

/** The numbered headings of the paragraphs, in order, with the end of each heading's marker by paragraph. */
export function findHeadings(paragraphs: readonly ParagraphBlock[]): {
  headings: Heading[];
  markerEnds: Map<number, number>;
} {
  const headings: Heading[] = [];
  const markerEnds = new Map<number, number>();
  let lastLevel3: number | null = null;
  paragraphs.forEach((paragraph, i) => {
    const marker = readHeadingMarker(paragraph.text);
    if (!marker) return;
    if (marker.level === 3 && marker.ambiguous && marker.number !== (lastLevel3 ?? 0) + 1) return;
    if (marker.level === 3) lastLevel3 = marker.number;
    else lastLevel3 = null;
    markerEnds.set(i, marker.end);
    headings.push({
      marker: marker.marker,
      level: marker.level,
      number: marker.number,
      text: headingText(paragraph.text),
      location: { ...paragraph.location },
    });
  });
  return { headings, markerEnds };
}
