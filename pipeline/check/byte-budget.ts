/**
 * A budget of bytes held at once, handed out first come, first served: the desk reads a file only
 * when its size fits beside the files already read and not yet extracted, so that a batch of large
 * files never holds more than the budget in memory — bytes, not a count of files, are what fill it.
 * A file larger than the whole budget is let through alone.
 */

interface Waiter {
  bytes: number;
  grant: () => void;
}

export class ByteBudget {
  readonly limit: number;
  #inUse = 0;
  readonly #waiting: Waiter[] = [];

  constructor(limit: number) {
    if (!(limit > 0)) throw new RangeError('the byte budget must be positive');
    this.limit = limit;
  }

  /** Bytes handed out and not yet given back. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Resolves, in the order asked, once `bytes` fit; the function it gives returns them (once). */
  acquire(bytes: number): Promise<() => void> {
    return new Promise((resolve) => {
      this.#waiting.push({ bytes, grant: () => resolve(this.#releaser(bytes)) });
      this.#grant();
    });
  }

  #releaser(bytes: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inUse -= bytes;
      this.#grant();
    };
  }

  #grant(): void {
    // Only the first in line may go: a large file is never overtaken for ever by small ones.
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0]!;
      if (this.#inUse > 0 && this.#inUse + next.bytes > this.limit) return;
      this.#waiting.shift();
      this.#inUse += next.bytes;
      next.grant();
    }
  }
}
