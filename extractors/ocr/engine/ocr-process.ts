/**
 * Recognition in a child process (ocr-child.ts), one per reading process or worker, started on the
 * first page and kept for the next. The child is not waited for while idle (unref), so it never
 * keeps a finished program alive; it exits when this side disconnects or ends.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { GrayImage } from '../raster/image.js';
import type { OcrAnswer, OcrRequest } from './ocr-child.js';
import type { RecognisedPage } from './pp-ocr.js';

export { ocrEngineId } from './engine-id.js';
export type { RecognisedBox, RecognisedPage } from './pp-ocr.js';

/*
 * The child runs the compiled script. Run from its TypeScript source (vitest), this module finds it
 * in dist/, which `tsc` (npm test, npm ci) builds before any test.
 */
const childScript = import.meta.url.endsWith('.ts')
  ? new URL('../../../dist/extractors/ocr/engine/ocr-child.js', import.meta.url)
  : new URL('./ocr-child.js', import.meta.url);

let child: ChildProcess | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (page: RecognisedPage) => void; reject: (error: Error) => void }>();

function settleAll(error: Error): void {
  for (const waiting of pending.values()) waiting.reject(error);
  pending.clear();
}

function ocrChild(): ChildProcess {
  if (child?.connected) return child;
  const started = fork(childScript, [], {
    serialization: 'advanced',
    // Its output must never reach stdout, which carries the JSON.
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  started.on('message', (answer: OcrAnswer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.ok) waiting.resolve(answer.page);
    else waiting.reject(new Error(`OCR failed: ${answer.message}`));
    if (pending.size === 0) idle(started);
  });
  started.on('exit', (code, signal) => {
    if (child === started) child = undefined;
    settleAll(new Error(`OCR process ended (${signal ?? code})`));
  });
  started.on('error', (error) => {
    if (child === started) child = undefined;
    settleAll(error);
  });
  child = started;
  return started;
}

function idle(process: ChildProcess): void {
  process.unref();
  process.channel?.unref();
}

/** Recognises an upright or upside-down page image in the OCR child process. */
export function recognisePageApart(image: GrayImage): Promise<RecognisedPage> {
  const process = ocrChild();
  process.ref();
  process.channel?.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: OcrRequest = { id, width: image.width, height: image.height, data: image.data };
    process.send(request, (error) => {
      if (!error) return;
      pending.delete(id);
      if (pending.size === 0) idle(process);
      reject(error);
    });
  });
}
