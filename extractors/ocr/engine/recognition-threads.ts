/**
 * The OCR child's recognition threads: one per core, each with its own recogniser session on one
 * thread, sharing out a page's batches. onnxruntime-node runs an inference on the calling JavaScript
 * thread (a `run` does not yield), so one session on two threads was the only way to use both cores,
 * and its threads wait for each other on every small batch: two sessions on one thread each recognised
 * the same crops in 1.53 s against 1.95 s (bench/analysis.md, OCR).
 * Started with the child's first page and kept; they end with the child. An inference is never cut
 * short: the child exits only when no batch is out (ocr-child.ts `whenIdle`).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { GrayImage } from '../raster/image.js';
import {
  cropWidth,
  type PixelBox,
  RECOGNITION_HEIGHT,
  RECOGNITION_MAX_WIDTH,
  type RecognisedBox,
} from './recognition.js';
import type { BatchAnswer, BatchRequest } from './recognition-thread.js';

const threadScript = import.meta.url.endsWith('.ts')
  ? new URL('../../../dist/extractors/ocr/engine/recognition-thread.js', import.meta.url)
  : new URL('./recognition-thread.js', import.meta.url);

let threads: Worker[] | undefined;
let nextId = 0;
let outstanding = 0;
let onIdle: (() => void) | undefined;

function started(): Worker[] {
  threads ??= Array.from({ length: Math.max(1, availableParallelism()) }, () => new Worker(threadScript));
  return threads;
}

/** Calls `then` once no batch is out (at once when none is). */
export function whenIdle(then: () => void): void {
  if (outstanding === 0) then();
  else onIdle = then;
}

function ask(thread: Worker, request: BatchRequest): Promise<(RecognisedBox | undefined)[]> {
  outstanding++;
  return new Promise<(RecognisedBox | undefined)[]>((resolve, reject) => {
    const settle = (): void => {
      thread.off('message', onMessage);
      thread.off('error', onError);
      outstanding--;
      if (outstanding === 0) onIdle?.();
    };
    const onMessage = (answer: BatchAnswer): void => {
      if (answer.id !== request.id) return;
      settle();
      if (answer.ok) resolve(answer.boxes);
      else reject(new Error(`OCR recognition failed: ${answer.message}`));
    };
    const onError = (error: Error): void => {
      settle();
      threads = undefined;
      reject(error);
    };
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.postMessage(request);
  });
}

function paddedWidth(batch: { box: PixelBox }[]): number {
  return (
    batch.length * Math.max(...batch.map((entry) => cropWidth(entry.box, RECOGNITION_HEIGHT, RECOGNITION_MAX_WIDTH)))
  );
}

/** Recognises a page's batches on the threads, each thread taking the next batch when it is free. */
export async function recogniseOnThreads(
  image: GrayImage,
  batches: { box: PixelBox; i: number }[][],
): Promise<(RecognisedBox | undefined)[]> {
  const shared = new Uint8Array(new SharedArrayBuffer(image.data.length));
  shared.set(image.data);
  const page: GrayImage = { width: image.width, height: image.height, data: shared };
  const results: (RecognisedBox | undefined)[] = [];
  // The costliest first (padded pixels: count × widest), so that no thread is left with a long line at the end.
  const queue = [...batches].sort((a, b) => paddedWidth(b) - paddedWidth(a));
  let next = 0;
  await Promise.all(
    started().map(async (thread) => {
      while (next < queue.length) {
        const batch = queue[next++]!;
        const boxes = await ask(thread, {
          id: nextId++,
          image: page,
          entries: batch.map((entry) => ({ box: entry.box })),
        });
        batch.forEach((entry, n) => {
          results[entry.i] = boxes[n];
        });
      }
    }),
  );
  return results;
}
