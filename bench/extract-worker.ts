/** Worker thread of extract-only.ts: reads each file it is sent and extracts the report (no rules, no memos). */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { isRejection } from '../extractors/model/rejection.js';
import { readDocument } from '../extractors/read-document.js';
import { parseReport } from '../extractors/report/parse-report.js';

export interface ExtractOutcome {
  readonly path: string;
  readonly status: 'checked' | 'rejected' | 'error';
  readonly code: string | null;
}

parentPort?.on('message', async (path: string) => {
  let outcome: ExtractOutcome;
  try {
    const model = await readDocument(new Uint8Array(readFileSync(path)));
    parseReport(model);
    outcome = { path, status: 'checked', code: null };
  } catch (error) {
    outcome = isRejection(error)
      ? { path, status: 'rejected', code: error.code }
      : { path, status: 'error', code: error instanceof Error ? error.message.slice(0, 200) : String(error) };
  }
  parentPort?.postMessage(outcome);
});
