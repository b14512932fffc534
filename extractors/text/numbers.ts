/**
 * Reading numbers as Chinese official documents write them (SPEC §2): ASCII and full-width digits,
 * thousands separators, decimals, Chinese numerals, 万/亿 multipliers, percentages, measure words
 * and approximate markers. Values and stated precision are exact decimals, never floats.
 */
import { Decimal } from 'decimal.js';
import { compact, toHalfWidth } from './normalize.js';

export type QuantityKind = 'money' | 'area' | 'count' | 'rate' | 'year' | 'points' | 'other';

/** One number found in a text, with what it stands for in base units (yuan, 亩, count, fraction, year). */
export interface Quantity {
  /** The number as written, from its first digit to its unit, e.g. "801.86万元", "三十余项", "96%". */
  readonly raw: string;
  /** Offsets of `raw` in the scanned text. */
  readonly start: number;
  readonly end: number;
  /** Offsets including approximate markers written around it (约…, …以上), so a label search starts beyond them. */
  readonly spanStart: number;
  readonly spanEnd: number;
  readonly value: Decimal;
  /** Half of the last stated digit in base units (801.86万元 → 50; 25人 → 0; 96% → 0.005). */
  readonly halfUnit: Decimal;
  readonly kind: QuantityKind;
  /** Multiplier and unit as written after the number: "万元", "人", "%", "年度"; "" when none. */
  readonly unit: string;
  readonly approximate: boolean;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A Chinese numeral without multiplier suffix: 一百二十 → 120, 十五 → 15, 一千零五 → 1005,
 * 三千五百万 → 35000000, 二〇二三 → 2023 (digit by digit). Null when it is not a well-formed numeral.
 */
export function parseChineseNumeral(text: string): Decimal | null {
  if (text === '') return null;
  const hasUnits = /[十百千万亿]/.test(text);
  if (!hasUnits) {
    if (text.length === 1) return new Decimal(CN_DIGITS[text] ?? Number.NaN);
    // Digit-by-digit numerals only make sense for years (二〇二三); 三五 means "three or five".
    if (text.length !== 4) return null;
    return new Decimal([...text].map((ch) => CN_DIGITS[ch]).join(''));
  }
  let result = new Decimal(0);
  let section = new Decimal(0);
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      if (digit !== null && digit !== 0 && CN_DIGITS[ch] !== 0) return null;
      digit = CN_DIGITS[ch]!;
    } else if (ch in CN_SMALL_UNITS) {
      const factor = digit ?? (ch === '十' ? 1 : null);
      if (factor === null) return null;
      section = section.plus(new Decimal(factor).times(CN_SMALL_UNITS[ch]!));
      digit = null;
    } else if (ch === '万') {
      result = result.plus(section.plus(digit ?? 0).times(10_000));
      section = new Decimal(0);
      digit = null;
    } else if (ch === '亿') {
      result = result
        .plus(section)
        .plus(digit ?? 0)
        .times(100_000_000);
      section = new Decimal(0);
      digit = null;
    } else {
      return null;
    }
  }
  return result.plus(section).plus(digit ?? 0);
}

const APPROX_PREFIXES = [
  '大约',
  '将近',
  '超过',
  '不足',
  '不到',
  '不少于',
  '不低于',
  '不超过',
  '不高于',
  '至少',
  '小于',
  '大于',
  '低于',
  '高于',
  '少于',
  '多于',
  '约',
  '近',
  '逾',
];
const APPROX_SUFFIXES = ['左右', '以上', '以下', '以内', '上下', '有余', '余', '许'];

/** Measure words and units, longest first so 人次 wins over 人. */
const COUNT_UNITS = [
  '人次',
  '户次',
  '课时',
  '人',
  '名',
  '位',
  '户',
  '个',
  '项',
  '次',
  '起',
  '件',
  '处',
  '套',
  '头',
  '只',
  '匹',
  '羽',
  '期',
  '场',
  '所',
  '家',
  '张',
  '份',
  '篇',
  '条',
  '辆',
  '台',
  '座',
  '栋',
  '间',
  '株',
  '棵',
  '届',
  '批',
  '轮',
  '班',
  '支',
  '队',
  '组',
  '村',
  '例',
  '宗',
  '本',
];
const OTHER_UNITS = [
  '平方公里',
  '平方米',
  '公顷',
  '公里',
  '公斤',
  '千克',
  '小时',
  '分钟',
  '季度',
  '个月',
  '年度',
  '吨',
  '斤',
  '克',
  '米',
  '年',
  '月',
  '日',
  '天',
  '周',
  '岁',
  '倍',
];
const UNITS = [...OTHER_UNITS, ...COUNT_UNITS, '元', '亩', '分', '%', '‰'].sort((a, b) => b.length - a.length);
const COUNT_UNIT_SET = new Set(COUNT_UNITS);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DIGITS = String.raw`\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?(?![\d,，])|\d+(?:\.\d+)?`;
const CHINESE = '[零〇一二两三四五六七八九十百千万亿]+';
const QUANTITY = new RegExp(
  `(?<prefix>${APPROX_PREFIXES.map(escapeRegExp).join('|')})?[ \\t]*` +
    `(?:(?<pct>百分之)(?<pctnum>${DIGITS}|${CHINESE})|(?<digits>${DIGITS})|(?<cn>${CHINESE}))` +
    `[ \\t]*(?<approx1>余|多)?(?<mult>亿|万|千)?(?<approx2>余|多)?[ \\t]*` +
    `(?<unit>${UNITS.map(escapeRegExp).join('|')})?(?<suffix>${APPROX_SUFFIXES.map(escapeRegExp).join('|')})?`,
  'g',
);

/** Every QUANTITY match holds an ASCII or full-width digit or a Chinese numeral character (百分之 included). */
const MAY_HOLD_NUMBER = /[\d\uFF10-\uFF19零〇一二两三四五六七八九十百千万亿]/;

const MULTIPLIERS: Record<string, number> = { 千: 1_000, 万: 10_000, 亿: 100_000_000 };
// Decimals are immutable, so the constants of every scan are made once: a narrative has tens of matches a sentence.
const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const HALF = new Decimal('0.5');
const MULTIPLIER_DECIMALS: Record<string, Decimal> = Object.fromEntries(
  Object.entries(MULTIPLIERS).map(([ch, factor]) => [ch, new Decimal(factor)]),
);

/** Half of the last stated digit of a number with `decimals` decimals (0.5, 0.05, …), computed once per count. */
const halfUnits: Decimal[] = [];
function halfUnitOf(decimals: number): Decimal {
  let half = halfUnits[decimals];
  if (half === undefined) {
    half = HALF.times(new Decimal(10).pow(-decimals));
    halfUnits[decimals] = half;
  }
  return half;
}

function decimalsOf(digits: string): number {
  const point = digits.indexOf('.');
  return point === -1 ? 0 : digits.length - point - 1;
}

/** Splits trailing 万/亿 off a Chinese numeral so it acts as a multiplier like after digits (三千五百万元 → 三千五百 × 万). */
function splitChineseMultiplier(numeral: string): { body: string; multiplier: Decimal; written: string } {
  const match = /[万亿]+$/.exec(numeral);
  if (!match || match[0].length === numeral.length) return { body: numeral, multiplier: ONE, written: '' };
  const written = match[0];
  const multiplier = [...written].reduce((acc, ch) => acc.times(MULTIPLIER_DECIMALS[ch]!), ONE);
  return { body: numeral.slice(0, -written.length), multiplier, written };
}

function kindOf(
  unit: string,
  isPercent: boolean,
  value: Decimal,
  multiplied: boolean,
  integral: boolean,
): QuantityKind {
  if (isPercent || unit === '%' || unit === '‰') return 'rate';
  if (unit.endsWith('元')) return 'money';
  if (unit.endsWith('亩')) return 'area';
  if (
    (unit === '年' || unit === '年度') &&
    !multiplied &&
    integral &&
    value.greaterThanOrEqualTo(1900) &&
    value.lessThanOrEqualTo(2100)
  )
    return 'year';
  if (unit === '分') return 'points';
  if (COUNT_UNIT_SET.has(unit)) return 'count';
  return 'other';
}

/** Whether a Chinese-numeral match is a real figure rather than part of a word (一岗双责, 十分重要, 三分之一, 千方百计). */
function isChineseFigure(numeral: string, multiplied: boolean, unit: string, following: string): boolean {
  if (!/[零〇一二两三四五六七八九]/.test(numeral) && !/^十/.test(numeral)) return false;
  if (numeral === '一' && !multiplied) return false;
  if (unit === '' && !multiplied) return false;
  if (unit === '分' && (numeral === '十' || following.startsWith('之'))) return false;
  return true;
}

/**
 * Finds every number in `text` (full-width digits included). A heading marker or a decimal of a
 * larger token is the caller's concern: pass the text after it.
 */
export function scanQuantities(text: string): Quantity[] {
  // A fifth of the narrative's sentences hold no digit or numeral at all: QUANTITY would try every position for nothing.
  if (!MAY_HOLD_NUMBER.test(text)) return [];
  const normalized = toHalfWidth(text);
  const found: Quantity[] = [];
  for (const match of normalized.matchAll(QUANTITY)) {
    const groups = match.groups!;
    const matchStart = match.index;
    const prefix = groups['prefix'] ?? '';
    const numberText = groups['pctnum'] ?? groups['digits'] ?? groups['cn']!;
    const numberStart = matchStart + match[0].indexOf(groups['pct'] ?? numberText, prefix.length);
    const isPercent = groups['pct'] !== undefined;
    const isDigits = /\d/.test(numberText[0]!);
    const unit = groups['unit'] ?? '';
    let mult = groups['mult'] ?? '';
    const suffix = groups['suffix'] ?? '';
    const spanEnd = matchStart + match[0].length;
    const end = spanEnd - suffix.length;
    const before = normalized[numberStart - 1] ?? '';
    const after = normalized[end] ?? '';

    // Parts of words and codes, ordinals, enumerations and fractions are not figures.
    if (/[A-Za-z_]/.test(before) || /[A-Za-z_]/.test(after)) continue;
    if (/(?:第|附件|附表)\s*$/.test(normalized.slice(Math.max(0, numberStart - 4), numberStart))) continue;
    if (isDigits && (before === '.' || /\d/.test(before))) continue;
    if (!unit && !mult && !isPercent && /[（(]/.test(before) && /[）)]/.test(after)) continue;
    if (unit === '分' && after === '之') continue;

    let value: Decimal;
    let half: Decimal;
    let integral = true;
    let multiplier = mult ? MULTIPLIER_DECIMALS[mult]! : ONE;
    if (isDigits) {
      const plain = numberText.replace(/[,，]/g, '');
      value = new Decimal(plain);
      integral = !plain.includes('.');
      half = halfUnitOf(decimalsOf(plain));
    } else {
      const split = splitChineseMultiplier(numberText);
      const multiplied = split.written !== '' || mult !== '';
      if (!isPercent && !isChineseFigure(split.body, multiplied, unit, normalized.slice(end))) continue;
      const parsed = parseChineseNumeral(split.body);
      if (parsed === null || parsed.isNaN()) continue;
      value = parsed;
      half = HALF;
      multiplier = multiplier.times(split.multiplier);
      mult = split.written + mult;
    }
    value = value.times(multiplier);
    half = half.times(multiplier);
    if (isPercent || unit === '%') {
      value = value.dividedBy(100);
      half = half.dividedBy(100);
    } else if (unit === '‰') {
      value = value.dividedBy(1000);
      half = half.dividedBy(1000);
    }
    const multiplied = mult !== '';
    const kind = kindOf(unit, isPercent, value, multiplied, integral);
    // Whole counts, scores and years are exact; a count stated in 万 keeps the precision of its last digit.
    if (kind === 'points' || kind === 'year') half = ZERO;
    if (kind === 'count' && (!multiplied || half.lessThan(1))) half = ZERO;

    const writtenUnit = (mult + unit).replace(/\s/g, '');
    found.push({
      raw: text.slice(numberStart, end).trimEnd(),
      start: numberStart,
      end: numberStart + text.slice(numberStart, end).trimEnd().length,
      spanStart: matchStart,
      spanEnd,
      value,
      halfUnit: half,
      kind,
      unit: isPercent ? '%' : writtenUnit,
      approximate: Boolean(prefix || groups['approx1'] || groups['approx2'] || suffix),
    });
  }
  return markRanges(normalized, found);
}

/** Both ends of a range (10%～20%, 3至5人) are bounds, not stated figures: they never make a sum fail. */
function markRanges(text: string, quantities: Quantity[]): Quantity[] {
  const rangeGap = /^\s*(?:～|~|-|—|–|至|到)\s*$/;
  return quantities.map((quantity, i) => {
    const previous = quantities[i - 1];
    const next = quantities[i + 1];
    const inRange =
      (previous && rangeGap.test(text.slice(previous.spanEnd, quantity.spanStart))) ||
      (next && rangeGap.test(text.slice(quantity.spanEnd, next.spanStart)));
    return inRange && !quantity.approximate ? { ...quantity, approximate: true } : quantity;
  });
}

/** Reads a text that is one number and nothing else (a table cell, a test case): "801.86万元", "９７", "三十余项". */
export function parseQuantity(text: string): Quantity | null {
  const trimmed = text.trim();
  const quantities = scanQuantities(trimmed);
  if (quantities.length !== 1) return null;
  const [quantity] = quantities;
  return quantity!.spanStart === 0 && quantity!.spanEnd === trimmed.length ? quantity! : null;
}

/** A bare number in a table cell (指标分值, 自评打分): digits with an optional 分; null when the cell holds anything else. */
export function parseCellNumber(text: string): Decimal | null {
  const match = /^(\d+(?:\.\d+)?)分?$/.exec(compact(text));
  return match ? new Decimal(match[1]!) : null;
}

/** A decimal as plain digits (never exponent notation), for the JSON's decimal strings. */
export function decimalString(value: Decimal): string {
  return value.toFixed();
}
