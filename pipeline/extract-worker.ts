/**
 * Worker thread script: bytes → document model → typed report → findings. Runs off the main thread
 * so that both cores parse, and so that a hostile file can be stopped by terminating the worker.
 * Any failure becomes a rejection with a Chinese message; nothing here touches files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentModel } from '../extractors/document-model.js';
import { parseReport } from '../extractors/parse-report.js';
import { readDocument } from '../extractors/read-document.js';
import { isRejection } from '../extractors/rejection.js';
import { runRules } from '../rules/engine.js';
import type { ExtractInput, ExtractOutput, ExtractWorkerData } from './extract-protocol.js';

const { config } = workerData as ExtractWorkerData;

function failure(error: unknown, format: 'docx' | 'pdf' | null): ExtractOutput {
  if (isRejection(error)) return { ok: false, code: error.code, message: error.message, format, detail: null };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (error instanceof RangeError && /call stack|Array buffer allocation|Invalid array length/i.test(error.message)) {
    return {
      ok: false,
      code: 'too-large',
      message: '文件结构过于庞大或嵌套过深，超出处理能力，请简化后重新报送。',
      format,
      detail,
    };
  }
  return {
    ok: false,
    code: 'corrupt-file',
    message: '文件内容已损坏或结构异常，无法读取，请重新导出后报送。',
    format,
    detail,
  };
}

async function extract(input: ExtractInput): Promise<ExtractOutput> {
  let model: DocumentModel;
  try {
    model = await readDocument(input.bytes, input.limits);
  } catch (error) {
    return failure(error, null);
  }
  try {
    const submission = parseReport(model);
    const findings = runRules(submission, config);
    return { ok: true, format: model.format, report: submission.report, extraction: submission.extraction, findings };
  } catch (error) {
    return failure(error, model.format);
  }
}

parentPort?.on('message', async (message: { id: number; input: ExtractInput }) => {
  const output = await extract(message.input);
  parentPort?.postMessage({ id: message.id, output });
});
