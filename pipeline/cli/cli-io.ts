/** What a command needs from its surroundings, passed in so that the commands stay testable, and the usage error. */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import os from 'node:os';
import type { Writable } from 'node:stream';
import { UserError } from '../support/user-error.js';

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: NodeJS.WriteStream;
  readonly cwd: string;
  /** Files processed at once when --jobs is not given. */
  readonly defaultJobs: number;
  /** Technical details (stacks) on stderr too (`--verbose` or DEBUG); main sets it. @default false */
  readonly verbose?: boolean;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), defaultJobs: os.availableParallelism() };
}

/** The command line asks for something that cannot be done (exit code 2); the message is Chinese. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Makes sure the output folder exists and can be written, before any work starts (else a usage error, exit 2). */
export async function prepareOutputFolder(outDir: string, shown: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'ENOTDIR' ? '路径不是文件夹' : '无法创建';
    throw new UsageError(`无法使用输出文件夹 ${shown}：${reason}`);
  }
}
