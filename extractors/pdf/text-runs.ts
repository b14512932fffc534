/**
 * pdf.js text items → text runs in top-left page space. Whitespace-only items are dropped: pdf.js
 * synthesises them for gaps, and the line builder decides spacing from geometry instead.
 * Glyphs pdf.js could not map to Unicode (U+FFFD, or control characters) are counted, not hidden.
 */
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { normalizeGlyphs } from '../text/normalize-glyphs.js';
import { type Matrix, multiply, type TextRun } from './geometry.js';

export interface PageTextRuns {
  runs: TextRun[];
  /** Non-whitespace characters on the page. */
  characters: number;
  /** Of those, characters that look unmapped (font without a usable ToUnicode map). */
  unmapped: number;
}

/*
 * Without a ToUnicode map pdf.js falls back to the glyph ids themselves as code points. Subset CJK
 * fonts number their glyphs from 1, so the "text" lands in control characters, the private use
 * area, or scripts a Chinese report never uses (Latin Extended, IPA, Armenian … Ethiopic …).
 * Controls and private-use characters are replaced by U+FFFD; the rest are only counted.
 */
const replacedPattern = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uE000-\uF8FF]/g;
const unmappedPattern = /[\uFFFD\u0100-\u036F\u0530-\u1EFF]/g;

export function toTextRuns(items: readonly (TextItem | TextMarkedContent)[], viewportTransform: Matrix): PageTextRuns {
  const runs: TextRun[] = [];
  let characters = 0;
  let unmapped = 0;
  for (const item of items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const text = normalizeGlyphs(item.str).replace(replacedPattern, '\uFFFD');
    const visible = text.replace(/\s/g, '');
    characters += visible.length;
    unmapped += visible.match(unmappedPattern)?.length ?? 0;
    const m = multiply(viewportTransform, item.transform);
    // Only left-to-right horizontal text takes part in layout; rotated text (stamps, watermarks,
    // vertical labels) would only scramble lines.
    if (m[0]! <= 0 || Math.abs(m[1]!) > 0.05 * m[0]!) continue;
    const size = Math.hypot(m[2]!, m[3]!) || Math.hypot(m[0]!, m[1]!);
    if (!(size > 0)) continue;
    runs.push({ text, x: m[4]!, y: m[5]!, width: Math.abs(item.width), size, fontName: item.fontName });
  }
  return { runs, characters, unmapped };
}
