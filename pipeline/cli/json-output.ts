/**
 * The `check --json` document (SPEC §3), written piece by piece: one result per line, so that a
 * batch of thousands of files never becomes one giant string, and stdout is written with
 * back-pressure (a pipe takes 64 KB at a time; the rest must wait, not be lost).
 */
import type { Writable } from 'node:stream';
import { type CheckResult, type PackageResult, summarize } from '../../reports/result-schema.js';

export function* checkOutputChunks(
  results: readonly CheckResult[],
  packages: readonly PackageResult[] = [],
): Generator<string> {
  yield '{"version":1,"results":[';
  for (const [index, result] of results.entries()) yield `${index === 0 ? '' : ','}\n${JSON.stringify(result)}`;
  yield '\n],"packages":[';
  for (const [index, pkg] of packages.entries()) yield `${index === 0 ? '' : ','}\n${JSON.stringify(pkg)}`;
  yield `${packages.length === 0 ? '' : '\n'}],"summary":${JSON.stringify(summarize(results))}}\n`;
}

/**
 * Writes the chunks in order, waiting for 'drain' whenever the stream's buffer is full. A reader
 * that goes away early (`review-desk check --json … | head`) ends the writing quietly: EPIPE is not
 * a failure of the check.
 */
export async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (error: NodeJS.ErrnoException): void => {
    failure = error;
  };
  stream.on('error', onError);
  try {
    for (const chunk of chunks) {
      if (failure || stream.destroyed) break;
      if (!stream.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            stream.off('drain', done);
            stream.off('error', done);
            stream.off('close', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('error', done);
          stream.on('close', done);
        });
      }
    }
    // Resolves once everything handed to the stream has been flushed to the OS (or the stream failed).
    if (!failure && !stream.destroyed) await new Promise<void>((resolve) => stream.write('', () => resolve()));
  } finally {
    stream.off('error', onError);
  }
  const error = failure as NodeJS.ErrnoException | null;
  if (error && error.code !== 'EPIPE') throw error;
}
