/**
 * The one switch that stops a run when the machine fails under it (a full disk, an output folder
 * that cannot be written, a failing store): every step that may hit such an error offers it here;
 * the first one that stops the run wins, and the command waits on `stopped` beside its normal end.
 * Errors about one file only (and bugs) are not taken: the caller handles them as before.
 */
import { OutputUnwritableError, runStopper, type UserError } from './user-error.js';

export class RunStop {
  #error: UserError | null = null;
  #resolve!: (error: UserError) => void;
  /** Resolves with the error that stopped the run; never rejects. */
  readonly stopped: Promise<UserError>;

  constructor() {
    this.stopped = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** The error that stopped the run, once one has. */
  get error(): UserError | null {
    return this.#error;
  }

  /** Stops the run when `error` is one that must; returns the stopping error, or null when the caller goes on. */
  offer(error: unknown): UserError | null {
    const stopper = runStopper(error);
    if (stopper) this.#stop(stopper);
    return stopper;
  }

  /** The log file could not be written: whatever the reason, the run must not go on unrecorded. */
  logFailed(error: unknown): void {
    if (!this.offer(error)) this.#stop(new OutputUnwritableError('日志文件无法写入', { cause: error }));
  }

  #stop(error: UserError): void {
    if (this.#error) return;
    this.#error = error;
    this.#resolve(error);
  }
}
