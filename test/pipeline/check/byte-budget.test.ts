/** The desk's budget of bytes in memory: first come, first served, and a file larger than the budget alone. */
import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../../pipeline/check/byte-budget.js';

/** Settles pending promise callbacks. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ByteBudget', () => {
  it('lets files in while their bytes fit and holds the next until enough are given back', async () => {
    const budget = new ByteBudget(100);
    const releaseA = await budget.acquire(60);
    const releaseB = await budget.acquire(40);
    let third: (() => void) | null = null;
    void budget.acquire(30).then((release) => {
      third = release;
    });
    await tick();
    expect(third).toBeNull();
    expect(budget.inUse).toBe(100);
    releaseA();
    await tick();
    expect(third).not.toBeNull();
    expect(budget.inUse).toBe(70);
    releaseB();
    releaseB();
    expect(budget.inUse).toBe(30);
  });

  it('lets a file larger than the whole budget in alone', async () => {
    const budget = new ByteBudget(100);
    const small = await budget.acquire(10);
    let large: (() => void) | null = null;
    void budget.acquire(500).then((release) => {
      large = release;
    });
    await tick();
    expect(large).toBeNull();
    small();
    await tick();
    expect(budget.inUse).toBe(500);
  });

  it('serves in the order asked: small files do not overtake a large one waiting', async () => {
    const budget = new ByteBudget(100);
    const first = await budget.acquire(50);
    const order: string[] = [];
    void budget.acquire(80).then((release) => {
      order.push('large');
      release();
    });
    void budget.acquire(10).then((release) => {
      order.push('small');
      release();
    });
    await tick();
    expect(order).toEqual([]);
    first();
    await tick();
    expect(order).toEqual(['large', 'small']);
    expect(budget.inUse).toBe(0);
  });
});
