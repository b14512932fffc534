/** What a command needs from its surroundings, passed in so that the commands stay testable, and the usage error. */
import os from 'node:os';
import type { Writable } from 'node:stream';

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: NodeJS.WriteStream;
  readonly cwd: string;
  /** Files processed at once when --jobs is not given. */
  readonly defaultJobs: number;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), defaultJobs: os.availableParallelism() };
}

/** The command line asks for something that cannot be done (exit code 2); the message is Chinese. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
