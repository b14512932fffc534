/**
 * The `check --json` document (SPEC §3), written piece by piece: one result per line, so that a
 * batch of thousands of files never becomes one giant string, and stdout is written with
 * back-pressure (a pipe takes 64 KB at a time; the rest must wait, not be lost).
 */
import type { Writable } from 'node:stream';
import { type CheckResult, summarize } from '../reports/result-schema.js';

export function* checkOutputChunks(results: readonly CheckResult[]): Generator<string> {
  yield '{"version":1,"results":[';
  for (const [index, result] of results.entries()) yield `${index === 0 ? '' : ','}\n${JSON.stringify(result)}`;
  yield `\n],"summary":${JSON.stringify(summarize(results))}}\n`;
}

export async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (error: Error): void => {
          stream.off('drain', onDrain);
          reject(error);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    }
  }
  // Resolves once everything handed to the stream has been flushed to the OS.
  await new Promise<void>((resolve) => stream.write('', () => resolve()));
}
