/**
 * The one rejected result for a file met by an error nobody expected (a bug, a full disk): the batch
 * goes on, the user reads one Chinese line, the details go to the log. The sha256 and format are
 * the file's when it can still be read, else those of no bytes.
 */
import type { ReadLimits } from '../../extractors/model/limits.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { readIntakeFile, sha256Of } from '../intake/intake.js';
import { internalErrorMessage, technical } from '../support/internal-error.js';
import { type Logger, logFileName } from '../support/logger.js';
import { rejectedResult } from './check-result.js';

export interface InternalErrorOptions {
  readonly limits: ReadLimits;
  readonly logger: Logger;
  /** Whether the command writes a log file (`--out DIR`), which the messages then name. */
  readonly withLogFile: boolean;
}

export async function internalErrorResult(
  path: string,
  error: unknown,
  options: InternalErrorOptions,
): Promise<CheckResult> {
  const { sha256, format } = await readIntakeFile(path, options.limits).then(
    (read) => ({ sha256: read.sha256, format: read.format }),
    () => ({ sha256: sha256Of(new Uint8Array()), format: null }),
  );
  const where = options.withLogFile ? `（详情见 ${logFileName}）` : '';
  options.logger.error(
    'file-internal-error',
    { path, sha256, error: technical(error) },
    `${path} 已退回：处理时发生内部错误${where}`,
  );
  return rejectedResult(path, sha256, format, 'corrupt-file', internalErrorMessage(options.withLogFile));
}
