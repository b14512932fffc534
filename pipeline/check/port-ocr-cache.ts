/**
 * The worker's side of the OCR cache (issue #14). The cache lives in the store, which only the main
 * thread opens (pipeline/desk/ocr-page-cache.ts): the worker asks for a page over its port and
 * waits for the answer; what it recognised is sent without waiting. The same messages tell the main
 * thread which page is in hand, for the progress display and one more page's time for the file.
 * Why not open the SQLite file in each worker: one writer per output folder stays true, no worker
 * holds a write lock when it is terminated for running over time, and `check` without an output
 * folder (no store at all) takes the same path, the main thread answering "not cached".
 */
import type { MessagePort } from 'node:worker_threads';
import type { OcrCache } from '../../extractors/ocr/ocr-page.js';
import type { ExtractEvent, OcrCacheReply } from './extract-protocol.js';

type Port = Pick<MessagePort, 'postMessage'>;

let nextRequest = 0;
const pendingReplies = new Map<number, (value: unknown) => void>();

function postEvent(port: Port, id: number, event: ExtractEvent, request?: number): void {
  port.postMessage(request === undefined ? { id, event } : { id, event, request });
}

/** The cache as `readDocument` takes it, for task `id`, speaking over `port`. */
export function portOcrCache(port: Port, id: number): OcrCache {
  return {
    async get(sha256, page, engine) {
      postEvent(port, id, { kind: 'ocr-page', page, state: 'reading' });
      const request = nextRequest++;
      const answered = new Promise<unknown>((resolve) => pendingReplies.set(request, resolve));
      postEvent(port, id, { kind: 'ocr-cache-get', sha256, page, engine }, request);
      const record = ((await answered) as OcrCacheReply) ?? undefined;
      if (record) postEvent(port, id, { kind: 'ocr-page', page, state: 'cached' });
      return record;
    },
    async put(sha256, page, engine, record) {
      postEvent(port, id, { kind: 'ocr-cache-put', sha256, page, engine, record });
      postEvent(port, id, { kind: 'ocr-page', page, state: 'read' });
    },
  };
}

/**
 * The file's turn at the OCR engine as `readDocument` takes it (ReadOptions.ocrTurn), for task `id`:
 * asked once, the first time a page needs recognising; later pages wait for the same answer.
 */
export function portOcrTurn(port: Port, id: number): () => Promise<void> {
  let turn: Promise<void> | undefined;
  return () => {
    turn ??= (async () => {
      const request = nextRequest++;
      const answered = new Promise<unknown>((resolve) => pendingReplies.set(request, resolve));
      postEvent(port, id, { kind: 'ocr-turn' }, request);
      await answered;
    })();
    return turn;
  };
}

/** Settles the `get` a `{ reply, value }` message answers; false for any other message (a task). */
export function answerReply(message: unknown): boolean {
  if (message === null || typeof message !== 'object' || !('reply' in message)) return false;
  const { reply, value } = message as { reply: number; value: unknown };
  pendingReplies.get(reply)?.(value);
  pendingReplies.delete(reply);
  return true;
}
