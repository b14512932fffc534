/**
 * What OCR does to figures, undone before the number parser sees the text: thousands separators
 * read as points or full-width commas (8，940.200.00, 1.070,000.00 → 8,940,200.00, 1,070,000.00),
 * the letter O for 0 and l/I for 1 inside a number. Only text read by OCR goes through here: a
 * born-digital document states what it states. Each repair is returned so it can be shown as an
 * extraction note.
 */

export interface FigureRepair {
  /** The figure as recognised. */
  from: string;
  /** As it is read. */
  to: string;
}

/* A run of digits, separators and the letters OCR mistakes for digits, starting and ending with a digit-like character. */
const numberLike = /[0-9OolI|][0-9OolI|.,，．]*[0-9OolI|]|[0-9]/g;
const separators = /[.,，．]/;
const letterForDigit: Readonly<Record<string, string>> = { O: '0', o: '0', l: '1', I: '1', '|': '1' };

/** Letters read for digits, replaced where the token is a number: it holds a real digit (the caller checks no Latin letter touches it). */
function digitsOf(token: string): string {
  if (!/[0-9]/.test(token)) return token;
  return token.replace(/[OolI|]/g, (letter) => letterForDigit[letter]!);
}

/** Separators of a figure made consistent: groups of three are thousands, a last group of other length the decimals. */
function separatorsOf(token: string): string {
  const groups = token.split(/[.,，．]/);
  if (groups.length < 3 || groups.some((group) => !/^\d+$/.test(group))) return token;
  const [first, ...rest] = groups;
  const last = rest.pop()!;
  if (first!.length > 3 || rest.some((group) => group.length !== 3)) return token;
  const marks = [...token.matchAll(/[.,，．]/g)].map((m) => m[0]);
  if (last.length === 3) {
    // All groups of three: thousands only when every separator is the same mark (1.070.000); a
    // single point among commas (1,070.000) stays a decimal point.
    if (new Set(marks).size !== 1) return token;
    return [first, ...rest, last].join(',');
  }
  return `${[first, ...rest].join(',')}.${last}`;
}

/** The text with its OCR-damaged figures repaired, and each repair. */
export function repairOcrFigures(text: string): { text: string; repairs: FigureRepair[] } {
  const repairs: FigureRepair[] = [];
  const repaired = text.replace(numberLike, (token, offset: number) => {
    // Letters inside a word (Ol, IOS) are not digits: the token must not touch other Latin letters.
    const before = text[offset - 1] ?? '';
    const after = text[offset + token.length] ?? '';
    if (/[A-Za-z]/.test(before) || /[A-Za-z]/.test(after)) return token;
    let result = digitsOf(token);
    if (separators.test(result)) result = separatorsOf(result);
    if (result !== token) repairs.push({ from: token, to: result });
    return result;
  });
  return { text: repaired, repairs };
}
