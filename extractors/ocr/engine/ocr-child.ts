/**
 * The OCR child process: holds the recogniser (pp-ocr.ts) and the picture decoder (image/decode.ts)
 * and answers one request at a time over IPC. It ends itself when its parent goes away (the worker
 * that started it was stopped or finished), so that stopping a slow file never leaves a recogniser
 * running, and never aborts the program as native code in a stopped worker thread does.
 */
import { type DecodedPicture, decodePicture } from '../../image/decode.js';
import { rotateQuarter } from '../raster/prepare.js';
import { type RecognisedPage, recognisePage } from './pp-ocr.js';
import { whenIdle } from './recognition-threads.js';

export type OcrRequest =
  | { id: number; kind: 'recognise'; width: number; height: number; data: Uint8Array }
  | { id: number; kind: 'decode'; bytes: Uint8Array };

export type OcrAnswer =
  | { id: number; ok: true; page?: RecognisedPage; picture?: DecodedPicture }
  | { id: number; ok: false; message: string };

async function answer(request: OcrRequest): Promise<OcrAnswer> {
  if (request.kind === 'decode') return { id: request.id, ok: true, picture: await decodePicture(request.bytes) };
  const image = { width: request.width, height: request.height, data: request.data };
  return { id: request.id, ok: true, page: await recognisePage(image, (gray) => rotateQuarter(gray, 2)) };
}

// Not in the middle of an inference on a recognition thread (that would abort): when its batch is done.
process.on('disconnect', () => whenIdle(() => process.exit(0)));
/*
 * One request at a time, in the order sent: the reader sends the next page while it prepares the one
 * after, and two inferences at once would only share the same threads and double the memory.
 */
let queue: Promise<unknown> = Promise.resolve();
process.on('message', (request: OcrRequest) => {
  queue = queue.then(() => answered(request));
});

function answered(request: OcrRequest): Promise<unknown> {
  return answer(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        ok: false,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies OcrAnswer),
  );
}
