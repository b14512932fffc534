/**
 * Recognition in a child process (ocr-child.ts), one per reading process or worker, started on the
 * first page and kept for the next. The child is not waited for while idle (unref), so it never
 * keeps a finished program alive; it exits when this side disconnects or ends, or is told to stop
 * (`stopOcrChild`: a pipeline worker does so after each file it read by OCR, so that the 500–800 MB of
 * a recogniser live in one process at a time, not in one per worker).
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { DecodedPicture } from '../../image/decode.js';
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

type Answered = Extract<OcrAnswer, { ok: true }>;
interface Waiting {
  resolve: (answer: Answered) => void;
  reject: (error: Error) => void;
}
/**
 * A child and the requests it owes: each child its own, so that the exit of one let go (`stopOcrChild`)
 * never fails a request already sent to the next.
 */
interface Running {
  process: ChildProcess;
  pending: Map<number, Waiting>;
}

let child: Running | undefined;
/** The exit of the child let go last: the next starts after it, so that two never hold memory at once. */
let letGo: Promise<void> = Promise.resolve();
let nextId = 0;

function settleAll(running: Running, error: Error): void {
  for (const waiting of running.pending.values()) waiting.reject(error);
  running.pending.clear();
}

function ocrChild(): Running {
  if (child?.process.connected) return child;
  const started = fork(childScript, [], {
    serialization: 'advanced',
    // Its output must never reach stdout, which carries the JSON.
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const running: Running = { process: started, pending: new Map() };
  started.on('message', (answer: OcrAnswer) => {
    const waiting = running.pending.get(answer.id);
    if (!waiting) return;
    running.pending.delete(answer.id);
    if (answer.ok) waiting.resolve(answer);
    else waiting.reject(new Error(`OCR failed: ${answer.message}`));
    if (running.pending.size === 0) idle(started);
  });
  started.on('exit', (code, signal) => {
    if (child === running) child = undefined;
    settleAll(running, new Error(`OCR process ended (${signal ?? code})`));
  });
  started.on('error', (error) => {
    if (child === running) child = undefined;
    settleAll(running, error);
  });
  child = running;
  return running;
}

/**
 * Lets the OCR child go (it exits when its channel closes, in about 40 ms); the next request starts
 * another once it has gone. Settles when it has gone. Costs the next file about 0.4 s of start-up
 * (process, models); nothing to do when no child is running.
 */
export function stopOcrChild(): Promise<void> {
  const running = child;
  if (!running) return letGo;
  child = undefined;
  const { process } = running;
  if (process.exitCode !== null || process.signalCode !== null) return letGo;
  letGo = new Promise((resolve) => process.once('exit', () => resolve()));
  // It finishes the batch in hand first (well under a second); one that does not is ended.
  const stuck = setTimeout(() => process.kill('SIGKILL'), EXIT_GRACE_MS);
  stuck.unref();
  process.once('exit', () => clearTimeout(stuck));
  if (process.connected) process.disconnect();
  else process.kill();
  return letGo;
}

const EXIT_GRACE_MS = 10_000;

function idle(process: ChildProcess): void {
  process.unref();
  process.channel?.unref();
}

async function ask(request: OcrRequest): Promise<Answered> {
  await letGo;
  const { process, pending } = ocrChild();
  process.ref();
  process.channel?.ref();
  return new Promise((resolve, reject) => {
    pending.set(request.id, { resolve, reject });
    process.send(request, (error) => {
      if (!error) return;
      pending.delete(request.id);
      if (pending.size === 0) idle(process);
      reject(error);
    });
  });
}

/** Recognises an upright or upside-down page image in the OCR child process. */
export async function recognisePageApart(image: GrayImage): Promise<RecognisedPage> {
  const answer = await ask({
    id: nextId++,
    kind: 'recognise',
    width: image.width,
    height: image.height,
    data: image.data,
  });
  if (!answer.page) throw new Error('OCR process answered without a page');
  return answer.page;
}

/** Decodes a JPEG or PNG in the OCR child process (sharp stays out of the worker threads). */
export async function decodePictureApart(bytes: Uint8Array): Promise<DecodedPicture> {
  const answer = await ask({ id: nextId++, kind: 'decode', bytes });
  if (!answer.picture) throw new Error('OCR process answered without a picture');
  return answer.picture;
}
