/**
 * Interval arithmetic on stated figures (SPEC §2), as XBRL calculation checks do it: a figure v
 * stated with half-unit h stands for every value in [v − h, v + h]. Two sides "can be equal" when
 * their intervals overlap; a check fails only beyond that. Exact decimals throughout, never floats.
 */
import { Decimal } from 'decimal.js';

export interface Quantity {
  readonly value: Decimal;
  /** Half of the last stated digit, in the same base unit as value. */
  readonly half: Decimal;
  /** Stated with 余/约/多/左右/…: may stand for anything nearby, so it never makes a check fail. */
  readonly approximate: boolean;
}

export function quantity(value: Decimal.Value, half: Decimal.Value = 0, approximate = false): Quantity {
  return { value: new Decimal(value), half: new Decimal(half).abs(), approximate };
}

export function sumOf(parts: readonly Quantity[]): Quantity {
  let value = new Decimal(0);
  let half = new Decimal(0);
  let approximate = false;
  for (const part of parts) {
    value = value.plus(part.value);
    half = half.plus(part.half);
    approximate ||= part.approximate;
  }
  return { value, half, approximate };
}

export function difference(minuend: Quantity, subtrahend: Quantity): Quantity {
  return {
    value: minuend.value.minus(subtrahend.value),
    half: minuend.half.plus(subtrahend.half),
    approximate: minuend.approximate || subtrahend.approximate,
  };
}

export function lowerBound(q: Quantity): Decimal {
  return q.value.minus(q.half);
}

export function upperBound(q: Quantity): Decimal {
  return q.value.plus(q.half);
}

/** True when both sides can stand for the same value: |a − b| ≤ h_a + h_b. */
export function mayEqual(a: Quantity, b: Quantity): boolean {
  return a.value.minus(b.value).abs().lte(a.half.plus(b.half));
}

/** True when every value a can stand for exceeds every value b can stand for. */
export function surelyGreater(a: Quantity, b: Quantity): boolean {
  return lowerBound(a).gt(upperBound(b));
}

export function anyApproximate(quantities: readonly Quantity[]): boolean {
  return quantities.some((q) => q.approximate);
}

/** A sum check `total = Σ parts` fails only when exact figures cannot be reconciled within their precision. */
export function sumFails(total: Quantity, parts: readonly Quantity[]): boolean {
  if (total.approximate || anyApproximate(parts)) return false;
  return !mayEqual(total, sumOf(parts));
}

/** `part ≤ whole` fails only when the part is surely greater, and never on approximate figures. */
export function exceedsFails(part: Quantity, whole: Quantity): boolean {
  if (part.approximate || whole.approximate) return false;
  return surelyGreater(part, whole);
}
