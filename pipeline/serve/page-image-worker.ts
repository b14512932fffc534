/**
 * Worker thread of page-images.ts: draws one page of an archived PDF with the project's own PDF
 * engine (PDFium, extractors/pdf/) and encodes it as PNG (fast-png), off the server's event loop so
 * that pages, live updates and other requests are answered while a page is drawn. The document
 * last drawn from stays open: a unit page asks for several pages of the same file in a row. A photo
 * or picture page comes decoded and scaled (page-images.ts) and is only drawn in its OCR frame here.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { encode } from 'fast-png';
import type { GrayImage } from '../../extractors/ocr/raster/image.js';
import { reframe } from '../../extractors/ocr/raster/prepare.js';
import { resizeGray } from '../../extractors/ocr/raster/resize.js';
import type { PdfDocumentSource, RenderedPage } from '../../extractors/pdf/backend.js';
import { loadPdfBackend } from '../../extractors/pdf/engines.js';
import type {
  OcrFrame,
  PageImageReply,
  PageImageRequest,
  PdfPageRequest,
  PicturePageRequest,
} from './page-image-protocol.js';

let open: { file: string; document: PdfDocumentSource } | null = null;

async function documentOf(request: PdfPageRequest): Promise<PdfDocumentSource> {
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
  if ('picture' in request) return { id: request.id, png: drawPicture(request) };
  const document = await documentOf(request);
  if (request.page > document.pageCount) throw new RangeError(`page ${request.page} of ${document.pageCount}`);
  if (request.frame) return { id: request.id, png: await drawAsRead(document, request, request.frame) };
  const page = await document.render(request.page, request.dpi / 72);
  if (page.unembeddedFonts?.length) return { id: request.id, unembeddedFonts: page.unembeddedFonts };
  return {
    id: request.id,
    png: encode({ width: page.width, height: page.height, data: opaque(page), channels: 3, depth: 8 }),
  };
}

/**
 * A scanned page drawn as OCR read it: rendered at the OCR's resolution, each colour channel taken
 * through the same turns and straightening (raster/prepare.ts `reframe`), so that the boxes of its
 * findings fall on their figures; then scaled to the desk's resolution. Seal and colours stay as scanned.
 */
async function drawAsRead(document: PdfDocumentSource, request: PdfPageRequest, frame: OcrFrame): Promise<Uint8Array> {
  const page = await document.render(request.page, frame.dpi / 72);
  const scale = request.dpi / frame.dpi;
  return encodeRgb(
    [0, 1, 2].map((channel) => {
      const read = reframe(planeOf(page.data, page.width, page.height, channel, 4), frame);
      return resizeGray(
        read,
        Math.max(1, Math.round(read.width * scale)),
        Math.max(1, Math.round(read.height * scale)),
      );
    }),
  );
}

/**
 * A photo drawn as OCR read it: the picture comes at the desk's resolution, with `frame` scaled to it
 * (page-images.ts), so each colour channel only goes through the frame's steps; colours stay as taken.
 */
function drawPicture(request: PicturePageRequest): Uint8Array {
  const { width, height, rgb } = request.picture;
  const { size } = request;
  return encodeRgb(
    [0, 1, 2].map((channel) => {
      const read = reframe(planeOf(rgb, width, height, channel, 3), request.frame);
      return read.width === size.width && read.height === size.height
        ? read
        : resizeGray(read, size.width, size.height);
    }),
  );
}

/** One colour channel of interleaved pixels (`stride` bytes a pixel). */
function planeOf(data: Uint8Array, width: number, height: number, channel: number, stride: number): GrayImage {
  const plane = new Uint8Array(width * height);
  for (let p = 0, i = channel; p < plane.length; p++, i += stride) plane[p] = data[i]!;
  return { width, height, data: plane };
}

/** Three planes of one size (red, green, blue) as an RGB PNG. */
function encodeRgb(planes: readonly GrayImage[]): Uint8Array {
  const { width: w, height: h } = planes[0]!;
  const rgb = new Uint8Array(w * h * 3);
  for (let p = 0, to = 0; p < w * h; p++, to += 3) {
    rgb[to] = planes[0]!.data[p]!;
    rgb[to + 1] = planes[1]!.data[p]!;
    rgb[to + 2] = planes[2]!.data[p]!;
  }
  return encode({ width: w, height: h, data: rgb, channels: 3, depth: 8 });
}

async function answer(request: PageImageRequest): Promise<void> {
  try {
    const reply = await draw(request);
    parentPort!.postMessage(reply, 'png' in reply ? [reply.png.buffer as ArrayBuffer] : []);
  } catch (error) {
    // A document that failed is not kept: the next request opens it afresh (a picture holds none open).
    const failed = 'picture' in request ? null : open;
    if (failed) open = null;
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
