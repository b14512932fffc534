/**
 * Runs a step (rewriting the batch outputs, a mail run) some time after it was asked for, once for a
 * whole burst of requests: when requests have stopped for `quietMs`, or at the latest `maxWaitMs`
 * after the first one still unserved. Never two runs at once; a request during a run asks for one
 * more run after it. Each run costs time in proportion to the whole store, so a burst of a thousand
 * files must not cost a thousand runs.
 */

export interface CoalescedStepOptions {
  /** @default 300 */
  readonly quietMs?: number;
  /** @default 10000 */
  readonly maxWaitMs?: number;
  /** Hears a run's failure; the next request runs the step again. */
  readonly onError: (error: unknown) => void;
}

export class CoalescedStep {
  readonly #step: () => Promise<void>;
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | null = null;
  #firstAsked: number | null = null;
  #running: Promise<void> | null = null;
  #askedWhileRunning = false;

  constructor(step: () => Promise<void>, options: CoalescedStepOptions) {
    this.#step = step;
    this.#quietMs = options.quietMs ?? 300;
    this.#maxWaitMs = options.maxWaitMs ?? 10_000;
    this.#onError = options.onError;
  }

  request(): void {
    if (this.#running) {
      this.#askedWhileRunning = true;
      return;
    }
    const now = performance.now();
    this.#firstAsked ??= now;
    const delay = Math.max(0, Math.min(this.#quietMs, this.#firstAsked + this.#maxWaitMs - now));
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), delay);
  }

  /** Resolves when no run is waiting or under way (a waiting one is run now). */
  async settled(): Promise<void> {
    for (;;) {
      if (this.#timer) {
        clearTimeout(this.#timer);
        this.#run();
      }
      if (!this.#running) return;
      await this.#running;
    }
  }

  /** Drops a waiting run (e.g. when the caller runs the step itself for the last time). */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#firstAsked = null;
    this.#askedWhileRunning = false;
  }

  #run(): void {
    this.#timer = null;
    this.#firstAsked = null;
    this.#running = this.#step()
      .catch((error: unknown) => this.#onError(error))
      .finally(() => {
        this.#running = null;
        if (this.#askedWhileRunning) {
          this.#askedWhileRunning = false;
          this.request();
        }
      });
  }
}
