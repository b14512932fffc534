/** Interval arithmetic (SPEC §2): sums pass within the half-units of their figures and fail beyond, in 万元 and in 元. */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difference, exceedsFails, mayEqual, quantity, sumFails, sumOf } from '../../rules/support/interval.js';

/** 万元 with two decimals: half-unit 0.005万元 = 50元. */
const wan = (v: string) => quantity(new Decimal(v).times(10_000), 50);
/** 元 with two decimals: half-unit 0.005元. */
const yuan = (v: string) => quantity(v, '0.005');

describe('sum checks within stated precision', () => {
  it('passes 801.86万 = 500.12万 + 301.75万 (0.01万 off, within three half-units of 50元)', () => {
    expect(sumFails(wan('801.86'), [wan('500.12'), wan('301.75')])).toBe(false);
  });

  it('fails 801.86万 = 500.12万 + 301.78万 (0.04万 off, beyond 150元)', () => {
    expect(sumFails(wan('801.86'), [wan('500.12'), wan('301.78')])).toBe(true);
  });

  it('draws the 万元 line exactly at the sum of the half-units', () => {
    // 150元 off: exactly at the bound, still possible; 150.01元 off is not.
    expect(sumFails(wan('801.86'), [wan('500.12'), quantity(3_017_550, 50)])).toBe(false);
    expect(sumFails(wan('801.86'), [wan('500.12'), quantity('3017550.01', 50)])).toBe(true);
  });

  it('passes and fails in 元 with two decimals on either side of 0.015元', () => {
    expect(sumFails(yuan('8018600.00'), [yuan('5001200.00'), yuan('3017400.01')])).toBe(false);
    expect(sumFails(yuan('8018600.00'), [yuan('5001200.00'), yuan('3017400.015')])).toBe(false);
    expect(sumFails(yuan('8018600.00'), [yuan('5001200.00'), yuan('3017400.02')])).toBe(true);
  });

  it('never fails on an approximate figure', () => {
    expect(sumFails(quantity(8_018_600, 50, true), [wan('500.12'), wan('301.78')])).toBe(false);
    expect(exceedsFails(quantity(9_000_000, 0, true), wan('801.86'))).toBe(false);
  });

  it('uses exact decimals, never binary floating point', () => {
    // 0.1 + 0.2 = 0.3 exactly with no tolerance at all.
    expect(sumFails(quantity('0.3'), [quantity('0.1'), quantity('0.2')])).toBe(false);
    expect(sumOf([quantity('0.1'), quantity('0.2')]).value.toString()).toBe('0.3');
  });

  it('widens the interval of a difference by both half-units', () => {
    const net = difference(wan('801.86'), wan('798.42'));
    expect(net.value.toString()).toBe('34400');
    expect(net.half.toString()).toBe('100');
    expect(mayEqual(net, quantity(0))).toBe(false);
  });

  it('agrees with the definition |total − Σ parts| ≤ Σ half-units for any figures', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(cents, cents, cents, fc.integer({ min: 0, max: 3 }), (a, b, c, places) => {
        const half = new Decimal(5).times(new Decimal(10).pow(-places - 1));
        const q = (n: number) => quantity(new Decimal(n).div(100), half);
        const gap = new Decimal(a).minus(b).minus(c).div(100).abs();
        expect(sumFails(q(a), [q(b), q(c)])).toBe(gap.gt(half.times(3)));
      }),
    );
  });
});
