/**
 * The one text normaliser the parsers match labels with: full-width digits, point, percent, plus and
 * minus folded to ASCII (toHalfWidth), then every white space removed, so that 「收入 总额」,
 * 「收入总额」 and 「１．收入总额」 are matched alike whichever part of the report reads them.
 */
const FULL_WIDTH_DIGIT_ZERO = 0xff10;

/**
 * Full-width digits, point, percent sign and ideographic space to their ASCII forms. Every character
 * maps to exactly one, so offsets in the result are offsets in the original.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF05\u3000\uFF0B\uFF0D]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= FULL_WIDTH_DIGIT_ZERO && code <= FULL_WIDTH_DIGIT_ZERO + 9) return String(code - FULL_WIDTH_DIGIT_ZERO);
    if (ch === '\uFF0E') return '.';
    if (ch === '\uFF05') return '%';
    if (ch === '\uFF0B') return '+';
    if (ch === '\uFF0D') return '-';
    return ' ';
  });
}

const WHITE_SPACE = /\s+/g;

/** `text` folded to half-width and without white space. */
export function compact(text: string): string {
  return toHalfWidth(text).replace(WHITE_SPACE, '');
}
