/**
 * The OCR child process: holds the recogniser (pp-ocr.ts) and answers one page at a time over IPC.
 * It ends itself when its parent goes away (the worker that started it was stopped or finished), so
 * that stopping a slow file never leaves a recogniser running, and never aborts the program.
 */
import { rotateQuarter } from '../raster/prepare.js';
import { recognisePage } from './pp-ocr.js';

export interface OcrRequest {
  id: number;
  width: number;
  height: number;
  data: Uint8Array;
}

export type OcrAnswer =
  | { id: number; ok: true; page: Awaited<ReturnType<typeof recognisePage>> }
  | { id: number; ok: false; message: string };

process.on('disconnect', () => process.exit(0));
process.on('message', (request: OcrRequest) => {
  const image = { width: request.width, height: request.height, data: request.data };
  recognisePage(image, (gray) => rotateQuarter(gray, 2)).then(
    (page) => process.send?.({ id: request.id, ok: true, page } satisfies OcrAnswer),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        ok: false,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies OcrAnswer),
  );
});
