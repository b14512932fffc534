/**
 * Where a stretch of a PDF paragraph's text stands on its page: the outline (SPEC §7 `box`) of
 * `text[start, end)` from the paragraph's line boxes, for figures, sentences and headings.
 */
import type { TextLineBox } from './document-model.js';

/** Glyphs of CJK and full-width forms are about twice as wide as Latin letters and digits. */
const wideCharacter = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;

function advance(text: string): number {
  let width = 0;
  for (const character of text) width += wideCharacter.test(character) ? 1 : 0.5;
  return width;
}

/**
 * The outline of `paragraph text[start, end)` on the PDF page: the part of each line it covers, the
 * x positions spread over the line by character widths. On the first page the range is on.
 */
export function textBox(
  lines: readonly TextLineBox[],
  text: string,
  start: number,
  end: number,
): { page: number; box: [number, number, number, number] } | null {
  const covered = lines.filter((line) => line.start < end && line.end > start);
  const page = covered[0]?.page;
  if (page === undefined) return null;
  let box: [number, number, number, number] | null = null;
  for (const line of covered) {
    if (line.page !== page) continue;
    const [x0, y0, x1, y1] = line.box;
    const lineText = text.slice(line.start, line.end);
    const total = advance(lineText) || 1;
    const from = advance(lineText.slice(0, Math.max(0, start - line.start)));
    const to = advance(lineText.slice(0, Math.min(line.end, end) - line.start));
    const left = x0 + ((x1 - x0) * from) / total;
    const right = x0 + ((x1 - x0) * to) / total;
    const round = (value: number): number => Math.round(value * 100) / 100;
    const part: [number, number, number, number] = [round(left), y0, round(right), y1];
    box = box
      ? [Math.min(box[0], part[0]), Math.min(box[1], part[1]), Math.max(box[2], part[2]), Math.max(box[3], part[3])]
      : part;
  }
  return box ? { page, box } : null;
}

/** Lowest OCR confidence of the lines `text[start, end)` stands on; undefined for a text layer. */
export function textConfidence(lines: readonly TextLineBox[], start: number, end: number): number | undefined {
  let lowest: number | undefined;
  for (const line of lines) {
    if (line.start >= end || line.end <= start || line.confidence === undefined) continue;
    if (lowest === undefined || line.confidence < lowest) lowest = line.confidence;
  }
  return lowest;
}
