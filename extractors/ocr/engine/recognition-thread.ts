/**
 * A recognition thread of the OCR child (recognition-threads.ts): its own recogniser session on one
 * core, answering one batch of a page's boxes at a time. The page comes in shared memory, once a page.
 */
import { parentPort } from 'node:worker_threads';
import type { GrayImage } from '../raster/image.js';
import { loadRecognition, type PixelBox, type RecognisedBox, recogniseBatch, recognitionKeys } from './recognition.js';

export interface BatchRequest {
  id: number;
  /** `data` is a view of a SharedArrayBuffer: not copied to each thread. */
  image: GrayImage;
  entries: { box: PixelBox }[];
}

export type BatchAnswer =
  | { id: number; ok: true; boxes: (RecognisedBox | undefined)[] }
  | { id: number; ok: false; message: string };

const keys = recognitionKeys();
const session = loadRecognition(1);

parentPort?.on('message', (request: BatchRequest) => {
  session
    .then((recognition) => recogniseBatch(recognition, keys, request.image, request.entries))
    .then(
      (boxes) => parentPort?.postMessage({ id: request.id, ok: true, boxes } satisfies BatchAnswer),
      (error: unknown) =>
        parentPort?.postMessage({
          id: request.id,
          ok: false,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies BatchAnswer),
    );
});
