/**
 * Renders base-unit values (yuan, 亩, counts, fractions) back in the units the document used, so
 * that a message reads like the report it quotes: 8018600 with unit 万元 → 「801.86万元」.
 */
import { Decimal } from 'decimal.js';

/** Multiplier of a written unit relative to its base unit (万元 → 10000 yuan, % → 0.01). */
export function unitScale(unit: string): Decimal {
  if (unit === '%' || unit === '％') return new Decimal('0.01');
  if (unit.startsWith('亿')) return new Decimal(100_000_000);
  if (unit.startsWith('万')) return new Decimal(10_000);
  return new Decimal(1);
}

/** Decimal places needed to show a value with the given half-unit in a unit of this scale. */
function placesForHalf(half: Decimal, scale: Decimal): number {
  if (half.isZero()) return 0;
  const step = half.times(2).div(scale);
  if (step.gte(1)) return 0;
  return Math.max(0, Math.ceil(-Math.log10(step.toNumber()) - 1e-9));
}

function naturalPlaces(value: Decimal): number {
  return Math.max(0, value.decimalPlaces());
}

function groupThousands(fixed: string): string {
  const [integer, fraction] = fixed.split('.');
  const sign = integer!.startsWith('-') ? '-' : '';
  const digits = sign ? integer!.slice(1) : integer!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

export interface FormatOptions {
  /** Half-units of the figures the value came from: the result shows as many places as the most precise of them. */
  readonly halves?: readonly Decimal.Value[];
  /** For computed values: drop trailing zeros down to the places of the least precise input. */
  readonly trim?: boolean;
  /** Fixed number of decimal places (overrides halves). */
  readonly decimals?: number;
}

/** `value` in base units, shown in `unit` as written (万元, 元, 亿元, 万亩, 亩, %, 人, 分, …). */
export function formatInUnit(value: Decimal.Value, unit: string, options: FormatOptions = {}): string {
  const scale = unitScale(unit);
  const shown = new Decimal(value).div(scale);
  let places: number;
  if (options.decimals !== undefined) {
    places = options.decimals;
  } else {
    const halves = (options.halves ?? []).map((h) => new Decimal(h).abs());
    const fromHalves = halves.filter((h) => !h.isZero()).map((h) => placesForHalf(h, scale));
    const exactOnes = halves.length === 0 || halves.some((h) => h.isZero());
    places = Math.max(0, ...fromHalves, exactOnes ? naturalPlaces(shown) : 0);
    if (options.trim && fromHalves.length > 0) {
      // A computed value needs no more places than it has, nor fewer than the least precise input shows.
      places = Math.max(Math.min(...fromHalves), Math.min(places, naturalPlaces(shown.toDecimalPlaces(places))));
    }
  }
  const fixed = shown.toFixed(places);
  const text = unit === '元' && shown.abs().gte(1_000) ? groupThousands(fixed) : fixed;
  return `${text}${unit}`;
}

const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 14 → 十四, 21 → 二十一 (heading numbers; larger numbers stay Arabic). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  if (n < 10) return chineseDigits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : chineseDigits[tens]!) + '十' + (ones === 0 ? '' : chineseDigits[ones]!);
}
