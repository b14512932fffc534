/**
 * Worker thread script: bytes → document model → typed report → findings, and (when asked) the
 * memo of the result in its three renderings. Runs off the main thread so that both cores parse and
 * render, and so that a hostile file can be stopped by terminating the worker. Any failure becomes
 * a rejection with a Chinese message; nothing here touches files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentFormat, DocumentModel } from '../../extractors/model/document-model.js';
import { isRejection } from '../../extractors/model/rejection.js';
import type { Extraction } from '../../extractors/model/report-schema.js';
import { stopOcrChild } from '../../extractors/ocr/engine/ocr-process.js';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';
import { runRules } from '../../rules/engine.js';
import { defaultOcrMinConfidence, withUncertainFigures } from '../../rules/support/uncertain-figures.js';
import { renderMemo } from '../desk/memo-files.js';
import { resultFromOutput } from './check-result.js';
import type {
  ExtractAnswer,
  ExtractInput,
  ExtractOutput,
  ExtractWorkerData,
  MemoRequest,
  RenderedMemo,
  ResultBytes,
} from './extract-protocol.js';
import { answerReply, portOcrCache, portOcrTurn } from './port-ocr-cache.js';

const { config } = workerData as ExtractWorkerData;

function failure(error: unknown, format: DocumentFormat | null): ExtractOutput {
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

async function extract(input: ExtractInput, id: number): Promise<ExtractOutput> {
  let model: DocumentModel;
  try {
    const sha256 = input.sha256 ?? undefined;
    model = await readDocument(input.bytes, input.limits, {
      ...(sha256 && parentPort ? { ocrCache: portOcrCache(parentPort, id), sha256 } : {}),
      ...(parentPort ? { ocrTurn: portOcrTurn(parentPort, id) } : {}),
    });
  } catch (error) {
    return failure(error, null);
  }
  try {
    const submission = parseReport(model);
    const { extraction, findings } = withUncertainFigures(
      submission.extraction,
      runRules(submission, config),
      input.limits.ocrMinConfidence ?? defaultOcrMinConfidence,
    );
    return { ok: true, format: model.format, report: submission.report, extraction, findings };
  } catch (error) {
    return failure(error, model.format);
  }
}

async function renderMemoFor(request: MemoRequest, output: ExtractOutput): Promise<RenderedMemo | null> {
  try {
    const result = resultFromOutput(request.file, request.sha256, request.sniffed, output);
    const memo = await renderMemo(result, { date: new Date(request.date) });
    const { docx } = memo;
    // A Buffer may share its ArrayBuffer with others; a transferred one must be the memo's alone.
    const own = docx.byteOffset === 0 && docx.byteLength === docx.buffer.byteLength ? docx : new Uint8Array(docx);
    return { ...memo, docx: own };
  } catch {
    // The main thread renders it again and hears the error there, where the finish step can report it.
    return null;
  }
}

/** The checked result as JSON bytes, and the output without the sidecar those bytes already hold. */
function resultBytesFor(
  request: MemoRequest,
  output: ExtractOutput,
): { output: ExtractOutput; bytes: ResultBytes } | null {
  if (!output.ok) return null;
  const result = resultFromOutput(request.file, request.sha256, request.sniffed, output);
  // Encoded into a buffer of its own (never a pooled one), so that transferring it takes nothing else along.
  const json = new TextEncoder().encode(JSON.stringify(result));
  const { sections, problems } = output.extraction;
  return { output: { ...output, extraction: null as unknown as Extraction }, bytes: { json, sections, problems } };
}

parentPort?.on('message', async (received: { id: number; input: ExtractInput } | { reply: number; value: unknown }) => {
  // A reply to the OCR cache's question about a page of the file in hand, not a new file.
  if (answerReply(received)) return;
  const message = received as { id: number; input: ExtractInput };
  const output = await extract(message.input, message.id);
  // The file's turn at the OCR engine ends with its task: the recogniser's process goes with it, and is
  // gone before the answer lets the next file take the turn.
  await stopOcrChild();
  const request = message.input.memo;
  const memo = request ? await renderMemoFor(request, output) : null;
  const slim = request ? resultBytesFor(request, output) : null;
  const answer: ExtractAnswer = { output: slim?.output ?? output, memo, resultBytes: slim?.bytes ?? null };
  const transfer: ArrayBuffer[] = [];
  if (memo) transfer.push(memo.docx.buffer as ArrayBuffer);
  if (slim) transfer.push(slim.bytes.json.buffer as ArrayBuffer);
  parentPort?.postMessage({ id: message.id, output: answer }, transfer);
});
