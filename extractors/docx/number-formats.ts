/**
 * A list counter written in a Word numbering format (w:numFmt), as Word renders it: 一 二 … 十 十一
 * (chineseCounting), 一百零… (chineseCountingThousand), 甲 乙 丙 (ideographTraditional), ① ②, A B,
 * i ii, 01 02. Formats Word renders as the plain number outside their range fall back to decimal.
 */

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_SIMPLIFIED = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const LEGAL_TRADITIONAL = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** 1–99 as spoken (十, 十一, 二十一); 100 and more digit by digit (一〇一), as Word's chineseCounting does. */
function chineseCounting(n: number): string {
  if (n < 1) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
  }
  if (n < 10000) return [...String(n)].map((digit) => CN_DIGITS[Number(digit)]).join('');
  return String(n);
}

/** The counting with 十 百 千 and a single 〇 for skipped places (一百〇五, 一千〇二十), up to 9999. */
function countingThousand(n: number, digits: readonly string[], units: readonly string[], zero: string): string {
  if (n < 1 || n > 9999) return String(n);
  const places = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let text = '';
  let pendingZero = false;
  places.forEach((digit, i) => {
    if (digit === 0) {
      if (text !== '') pendingZero = true;
      return;
    }
    if (pendingZero) text += zero;
    pendingZero = false;
    // 十 alone for 10–19 at the start, as spoken: 十一, not 一十一.
    const skipOne = i === 2 && digit === 1 && text === '' && units === SMALL_UNITS;
    text += `${skipOne ? '' : digits[digit]}${units[i]}`;
  });
  return text;
}

const SMALL_UNITS = ['千', '百', '十', ''];
const LEGAL_SIMPLIFIED_UNITS = ['仟', '佰', '拾', ''];
const LEGAL_TRADITIONAL_UNITS = ['仟', '佰', '拾', ''];

function letters(n: number, alphabet: string): string {
  if (n < 1) return String(n);
  // Word repeats the letter past Z: 27 → AA, 28 → BB.
  const letter = alphabet[(n - 1) % 26]!;
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

const ROMAN: readonly [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number): string {
  if (n < 1 || n > 3999) return String(n);
  let rest = n;
  let text = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      text += symbol;
      rest -= value;
    }
  }
  return text;
}

const inRange = (n: number, max: number, render: (n: number) => string) => (n >= 1 && n <= max ? render(n) : String(n));

/** The counter `n` in format `numFmt`; null for formats that show no number (bullet, none). */
export function formatListNumber(n: number, numFmt: string): string | null {
  switch (numFmt) {
    case 'bullet':
    case 'none':
      return null;
    case 'chineseCounting':
      return chineseCounting(n);
    case 'chineseCountingThousand':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return countingThousand(n, CN_DIGITS, SMALL_UNITS, '〇');
    case 'taiwaneseCounting':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
      return countingThousand(n, LEGAL_SIMPLIFIED, LEGAL_SIMPLIFIED_UNITS, '零');
    case 'ideographLegalTraditional':
      return countingThousand(n, LEGAL_TRADITIONAL, LEGAL_TRADITIONAL_UNITS, '零');
    case 'ideographTraditional':
      return inRange(n, 10, (k) => HEAVENLY_STEMS[k - 1]!);
    case 'ideographZodiac':
      return inRange(n, 12, (k) => EARTHLY_BRANCHES[k - 1]!);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return inRange(n, 20, (k) => String.fromCodePoint(0x2460 + k - 1));
    case 'decimalEnclosedParen':
      return inRange(n, 20, (k) => String.fromCodePoint(0x2474 + k - 1));
    case 'decimalEnclosedFullstop':
      return inRange(n, 20, (k) => String.fromCodePoint(0x2488 + k - 1));
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((digit) => String.fromCharCode(0xff10 + Number(digit))).join('');
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}
