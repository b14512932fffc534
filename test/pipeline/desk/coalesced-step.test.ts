/** The coalescing runner of watch's output refreshes and mail runs: one run per burst, never two at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescedStep } from '../../../pipeline/desk/coalesced-step.js';

// Fake clocks: the quiet time and the longest wait are measured with setTimeout and performance.now().
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function counting(runMs = 0) {
  const state = { runs: 0, concurrent: 0, most: 0 };
  const step = async () => {
    state.concurrent++;
    state.most = Math.max(state.most, state.concurrent);
    if (runMs > 0) await sleep(runMs);
    state.runs++;
    state.concurrent--;
  };
  return { state, step };
}

const failOnError = (error: unknown) => {
  throw error;
};

describe('CoalescedStep', () => {
  it('runs once for a burst of requests, after they have stopped for the quiet time', async () => {
    const { state, step } = counting();
    const coalesced = new CoalescedStep(step, { quietMs: 40, onError: failOnError });
    for (let i = 0; i < 50; i++) coalesced.request();
    await vi.advanceTimersByTimeAsync(39);
    expect(state.runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.runs).toBe(1);
  });

  it('runs by the longest wait even while requests keep coming', async () => {
    const { state, step } = counting();
    const coalesced = new CoalescedStep(step, { quietMs: 50, maxWaitMs: 120, onError: failOnError });
    for (let elapsed = 0; elapsed < 300; elapsed += 10) {
      coalesced.request();
      await vi.advanceTimersByTimeAsync(10);
    }
    // Runs at 120 and 240 ms, although no request ever waited the quiet 50 ms.
    expect(state.runs).toBe(2);
    await coalesced.settled();
    expect(state.runs).toBe(3);
  });

  it('never runs twice at once, and runs once more for requests made during a run', async () => {
    const { state, step } = counting(60);
    const coalesced = new CoalescedStep(step, { quietMs: 5, onError: failOnError });
    coalesced.request();
    await vi.advanceTimersByTimeAsync(5);
    expect(state.concurrent).toBe(1);
    for (let i = 0; i < 10; i++) coalesced.request();
    await vi.advanceTimersByTimeAsync(60 + 5 + 60);
    expect(state.runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(state).toMatchObject({ runs: 2, most: 1 });
  });

  it('runs a waiting run at once when asked to settle, and drops it when cancelled', async () => {
    const first = counting();
    const settling = new CoalescedStep(first.step, { quietMs: 10_000, onError: failOnError });
    settling.request();
    await settling.settled();
    expect(first.state.runs).toBe(1);
    const second = counting();
    const cancelled = new CoalescedStep(second.step, { quietMs: 10, onError: failOnError });
    cancelled.request();
    cancelled.cancel();
    await vi.advanceTimersByTimeAsync(40);
    await cancelled.settled();
    expect(second.state.runs).toBe(0);
  });

  it('hands a failed run to its error handler and runs again on the next request', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const coalesced = new CoalescedStep(
      async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
      },
      { quietMs: 5, onError: (error) => errors.push(error) },
    );
    coalesced.request();
    await vi.advanceTimersByTimeAsync(30);
    expect(calls).toBe(1);
    coalesced.request();
    await coalesced.settled();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
