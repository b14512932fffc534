/**
 * Worker thread of page-images.ts: draws one page of an archived PDF with the project's own PDF
 * engine (PDFium, extractors/pdf/) and encodes it as PNG (fast-png), off the server's event loop so
 * that pages, live updates and other requests are answered while a page is drawn. The document
 * last drawn from stays open: a unit page asks for several pages of the same file in a row.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { encode } from 'fast-png';
import type { PdfDocumentSource, RenderedPage } from '../../extractors/pdf/backend.js';
import { loadPdfBackend } from '../../extractors/pdf/engines.js';
import type { PageImageReply, PageImageRequest } from './page-image-protocol.js';

let open: { file: string; document: PdfDocumentSource } | null = null;

async function documentOf(request: PageImageRequest): Promise<PdfDocumentSource> {
  if (open?.file === request.file) return open.document;
  const previous = open;
  open = null;
  await previous?.document.close();
  const backend = await loadPdfBackend('pdfium');
  const document = await backend.open(new Uint8Array(await readFile(request.file)), request.limits);
  open = { file: request.file, document };
  return document;
}

/** RGBA without its alpha: the page is drawn on white, and an RGB PNG is a quarter smaller. */
function opaque(page: RenderedPage): Uint8Array {
  const rgb = new Uint8Array(page.width * page.height * 3);
  for (let from = 0, to = 0; from < page.data.length; from += 4, to += 3) {
    rgb[to] = page.data[from]!;
    rgb[to + 1] = page.data[from + 1]!;
    rgb[to + 2] = page.data[from + 2]!;
  }
  return rgb;
}

async function draw(request: PageImageRequest): Promise<PageImageReply> {
  const document = await documentOf(request);
  if (request.page > document.pageCount) throw new RangeError(`page ${request.page} of ${document.pageCount}`);
  const page = await document.render(request.page, request.dpi / 72);
  if (page.unembeddedFonts?.length) return { id: request.id, unembeddedFonts: page.unembeddedFonts };
  return {
    id: request.id,
    png: encode({ width: page.width, height: page.height, data: opaque(page), channels: 3, depth: 8 }),
  };
}

async function answer(request: PageImageRequest): Promise<void> {
  try {
    const reply = await draw(request);
    parentPort!.postMessage(reply, 'png' in reply ? [reply.png.buffer as ArrayBuffer] : []);
  } catch (error) {
    // A document that failed is not kept: the next request opens it afresh.
    const failed = open;
    open = null;
    await failed?.document.close().catch(() => {});
    const reply: PageImageReply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
}

// One page at a time: the open document is shared between requests.
let queue = Promise.resolve();
parentPort!.on('message', (request: PageImageRequest) => {
  queue = queue.then(() => answer(request));
});
