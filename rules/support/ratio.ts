/**
 * Stated rates against the ratio of two stated figures (执行率 = 执行数 ÷ 预算数, 控制率 = 在职 ÷ 编制),
 * as intervals (SPEC §2): the ratio of [n − hn, n + hn] over [d − hd, d + hd] is compared with the
 * rate's own half-unit, so 108.70% (±0.005%) matches 50 ÷ 46 = 108.6956…% and 100% does not.
 */
import { Decimal } from 'decimal.js';
import { formatInUnit } from './format.js';
import { lowerBound, type Quantity, upperBound } from './interval.js';
import type { StatedFigure } from './stated.js';

export interface Bounds {
  readonly low: Decimal;
  readonly high: Decimal;
}

/**
 * A stated rate as an interval. When the parser recorded no precision, the rate's own digits give
 * it: 1 (100%) is ±0.5%, 1.087 (108.7%) ±0.05%, 0.7612 (76.12%) ±0.005%.
 */
export function rateBounds(rate: StatedFigure): Bounds {
  const { value, half } = rate.quantity;
  const h = half.isZero() ? new Decimal(0.5).div(new Decimal(10).pow(value.times(100).decimalPlaces())).div(100) : half;
  return { low: value.minus(h), high: value.plus(h) };
}

/** Every value n ÷ d can take within the figures' precision; null when the divisor may be zero or less. */
export function ratioBounds(numerator: Quantity, denominator: Quantity): Bounds | null {
  const dLow = lowerBound(denominator);
  if (dLow.lte(0)) return null;
  const dHigh = upperBound(denominator);
  const nLow = Decimal.max(lowerBound(numerator), 0);
  const nHigh = upperBound(numerator);
  return { low: nLow.div(dHigh), high: nHigh.div(dLow) };
}

export function overlap(a: Bounds, b: Bounds): boolean {
  return a.low.lte(b.high) && b.low.lte(a.high);
}

/** A fraction shown as a percentage with two decimals, as the forms print them: 1.0869565 → 「108.70%」. */
export function showPercent(fraction: Decimal.Value): string {
  return formatInUnit(fraction, '%', { decimals: 2 });
}

/** A stated rate as the document wrote it: places from its value (1 → 「100%」, 1.087 → 「108.7%」). */
export function showStatedRate(rate: StatedFigure): string {
  const places = rate.quantity.value.times(100).decimalPlaces();
  return formatInUnit(rate.quantity.value, '%', { decimals: places });
}
