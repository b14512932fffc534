/**
 * A small pool of reusable worker threads for CPU-bound work. Each task gets a wall-clock budget:
 * when it runs over, the worker is TERMINATED (a promise timeout could not stop a parse that never
 * yields) and replaced. A worker that dies (out of memory, uncaught error, exit) fails only the task
 * it held; the next task gets a fresh worker. A worker that has run `maxTasksPerWorker` tasks is
 * retired too, so that no thread's heap grows with the length of a batch.
 *
 * Protocol: the pool posts `{ id, input }`; the worker answers `{ id, output }`. While it works it
 * may post `{ id, event, request? }`: the event goes to the task's `onEvent`, and when it carries a
 * `request` number the handler's value is posted back as `{ reply: request, value }`.
 */
import { type ResourceLimits, type Transferable, Worker } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** The worker script (compiled JS). */
  readonly script: URL;
  /** Most workers alive at once. */
  readonly size: number;
  /** Wall-clock budget of one task, in milliseconds. */
  readonly timeoutMs: number;
  readonly resourceLimits?: ResourceLimits;
  readonly workerData?: unknown;
  /**
   * Tasks one worker runs before it is replaced by a fresh one. A long-lived V8 heap keeps its
   * high-water mark and its fragments; a new worker starts small. @default Infinity
   */
  readonly maxTasksPerWorker?: number;
}

export type PoolOutcome<T> =
  | { kind: 'done'; value: T; elapsedMs: number }
  /** `allowedMs`: the time the task had, its deadlines extended included. */
  | { kind: 'timeout'; elapsedMs: number; allowedMs: number }
  | { kind: 'crashed'; reason: 'out-of-memory' | 'error' | 'exit'; detail: string; elapsedMs: number };

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Tasks started on this worker. */
  tasks: number;
}

/** What a task's event handler may do besides answering: give the task more time (e.g. one more OCR page). */
export interface TaskControl {
  /** Moves the task's deadline `ms` later. */
  extendDeadline(ms: number): void;
  /**
   * Stops the task's clock while it waits for something outside it (its turn at the OCR engine); the
   * function returned starts it again, the deadline moved by the time stopped.
   */
  pauseDeadline(): () => void;
}

export type TaskEventHandler = (event: unknown, control: TaskControl) => unknown;

interface Waiting {
  input: unknown;
  transfer: readonly Transferable[];
  onEvent: TaskEventHandler | undefined;
  settle: (outcome: PoolOutcome<unknown>) => void;
}

export class WorkerPool<Input, Output> {
  readonly #options: WorkerPoolOptions;
  readonly #slots = new Set<Slot>();
  readonly #waiting: Waiting[] = [];
  #nextId = 0;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    if (!(options.size >= 1)) throw new RangeError('pool size must be at least 1');
    this.#options = options;
  }

  /** Workers alive right now (for tests and diagnostics). */
  get workerCount(): number {
    return this.#slots.size;
  }

  run(input: Input, transfer: readonly Transferable[] = [], onEvent?: TaskEventHandler): Promise<PoolOutcome<Output>> {
    return new Promise((resolve) => {
      if (this.#closed) {
        resolve({ kind: 'crashed', reason: 'exit', detail: 'pool closed', elapsedMs: 0 });
        return;
      }
      this.#waiting.push({ input, transfer, onEvent, settle: resolve as (outcome: PoolOutcome<unknown>) => void });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiting of this.#waiting.splice(0)) {
      waiting.settle({ kind: 'crashed', reason: 'exit', detail: 'pool closed', elapsedMs: 0 });
    }
    await Promise.all([...this.#slots].map((slot) => slot.worker.terminate()));
    this.#slots.clear();
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      const slot = this.#idleSlot();
      if (!slot) return;
      this.#start(slot, this.#waiting.shift()!);
    }
  }

  #idleSlot(): Slot | null {
    for (const slot of this.#slots) if (!slot.busy) return slot;
    if (this.#slots.size >= this.#options.size) return null;
    const worker = new Worker(this.#options.script, {
      workerData: this.#options.workerData,
      resourceLimits: this.#options.resourceLimits,
      // Worker output must never reach stdout, which carries the JSON.
      stdout: true,
      stderr: false,
    });
    worker.stdout.resume();
    const slot: Slot = { worker, busy: false, tasks: 0 };
    // A worker may also fail while idle (a late rejection or timer inside a library, after it answered).
    // Heard here, that only retires the worker; unheard, the 'error' event would throw in the main thread.
    const retireIfIdle = (): void => {
      if (slot.busy || !this.#slots.has(slot)) return;
      this.#slots.delete(slot);
      void worker.terminate();
    };
    worker.on('error', retireIfIdle);
    worker.on('exit', retireIfIdle);
    this.#slots.add(slot);
    return slot;
  }

  #start(slot: Slot, task: Waiting): void {
    const { worker } = slot;
    const id = this.#nextId++;
    const started = performance.now();
    slot.busy = true;
    slot.tasks++;
    worker.ref();
    let settled = false;

    const finish = (outcome: PoolOutcome<unknown>, keepWorker: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      const worn = slot.tasks >= (this.#options.maxTasksPerWorker ?? Number.POSITIVE_INFINITY);
      if (keepWorker && !this.#closed && !worn) {
        slot.busy = false;
        worker.unref();
      } else {
        this.#slots.delete(slot);
        void worker.terminate();
      }
      task.settle(outcome);
      this.#dispatch();
    };
    const elapsed = (): number => Math.round(performance.now() - started);
    let pauses = 0;
    const arm = (): void => {
      clearTimeout(timer);
      if (pauses === 0) timer = setTimeout(onTimeout, Math.max(0, deadline - performance.now()));
    };
    const control: TaskControl = {
      extendDeadline: (ms) => {
        if (settled || !(ms > 0)) return;
        deadline += ms;
        arm();
      },
      pauseDeadline: () => {
        if (settled) return () => {};
        const pausedAt = performance.now();
        pauses++;
        clearTimeout(timer);
        let resumed = false;
        return () => {
          if (resumed) return;
          resumed = true;
          pauses--;
          deadline += performance.now() - pausedAt;
          if (!settled) arm();
        };
      },
    };
    const onEvent = (event: unknown, request: number | undefined): void => {
      const handled = (async () => task.onEvent?.(event, control))();
      if (request === undefined) {
        handled.catch(() => {});
        return;
      }
      handled.then(
        (value) => !settled && worker.postMessage({ reply: request, value: value ?? null }),
        () => !settled && worker.postMessage({ reply: request, value: null }),
      );
    };
    const onMessage = (message: { id: number; output?: unknown; event?: unknown; request?: number }): void => {
      if (message?.id !== id) return;
      if ('event' in message) {
        onEvent(message.event, message.request);
        return;
      }
      finish({ kind: 'done', value: message.output, elapsedMs: elapsed() }, true);
    };
    const onError = (error: Error & { code?: string }): void => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'error';
      finish({ kind: 'crashed', reason, detail: error.stack ?? error.message, elapsedMs: elapsed() }, false);
    };
    const onExit = (code: number): void => {
      finish(
        { kind: 'crashed', reason: 'exit', detail: `worker exited with code ${code}`, elapsedMs: elapsed() },
        false,
      );
    };
    const onTimeout = (): void =>
      finish({ kind: 'timeout', elapsedMs: elapsed(), allowedMs: Math.round(deadline - started) }, false);
    let deadline = started + this.#options.timeoutMs;
    let timer = setTimeout(onTimeout, this.#options.timeoutMs);

    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    try {
      worker.postMessage({ id, input: task.input }, task.transfer as Transferable[]);
    } catch (error) {
      finish({ kind: 'crashed', reason: 'error', detail: String(error), elapsedMs: elapsed() }, true);
    }
  }
}
