/**
 * Opens a PDF with pdf.js, safely: no eval, no network, no system fonts, the CJK cMaps and standard
 * fonts that pdfjs-dist ships read from disk, and nothing printed on stdout (reserved for JSON).
 * pdf.js failures become Rejections with Chinese messages.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type {
  DocumentInitParameters,
  PDFDocumentLoadingTask,
  PDFDocumentProxy,
} from 'pdfjs-dist/types/src/display/api.js';
import { Rejection } from '../model/rejection.js';
import { corruptMessage, encryptedMessage } from './pdf-errors.js';

/*
 * The legacy build (the one that runs on Node 20) bundles core-js, which on Node 20 replaces
 * Array.prototype.push and JSON.parse with much slower script versions for the whole process
 * (bench/analysis.md, "Figures behind choices in the code"). The worker half is loaded here too, so that pdf.js's
 * in-process "fake worker" uses it instead of importing it later, and then the two natives are put
 * back; the polyfills that only add missing methods stay.
 */
const nativePush = Array.prototype.push;
const nativeJsonParse = JSON.parse;
export const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= pdfjsWorker;
Object.defineProperty(Array.prototype, 'push', {
  value: nativePush,
  writable: true,
  configurable: true,
  enumerable: false,
});
Object.defineProperty(JSON, 'parse', { value: nativeJsonParse, writable: true, configurable: true, enumerable: false });

// pdf.js's Node factories read these with fs.readFile: plain paths, no fetch.
const packageRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const cMapDirectory = path.join(packageRoot, 'cmaps', '/');
const standardFontDirectory = path.join(packageRoot, 'standard_fonts', '/');

/*
 * pdf.js leaves some promises of its own without a handler: walking a damaged page tree it caches
 * object fetches that may fail after the document has been read (or destroyed). In-process, such a
 * rejection would take down the whole worker with the next file. Those leftovers — pdf.js's own
 * exception types, thrown from pdfjs-dist — are dropped here; every other unhandled rejection is
 * rethrown as Node would do by default, unless some other listener has taken charge of them.
 */
const pdfjsExceptionNames = new Set([
  'XRefEntryException',
  'XRefParseException',
  'MissingDataException',
  'ParserEOFException',
  'FormatError',
  'InvalidPDFException',
  'PasswordException',
  'UnknownErrorException',
  'ResponseException',
  'AbortException',
]);

export function isPdfjsLeftover(reason: unknown): boolean {
  return reason instanceof Error && pdfjsExceptionNames.has(reason.name) && (reason.stack ?? '').includes('pdfjs-dist');
}

function onUnhandledRejection(reason: unknown): void {
  if (isPdfjsLeftover(reason)) return;
  if (process.listenerCount('unhandledRejection') > 1) return;
  throw reason;
}
process.on('unhandledRejection', onUnhandledRejection);

/*
 * Glyph outlines: with `disableFontFace: true`, getOperatorList compiles the outline of every glyph
 * it meets and posts it to the display side (about a quarter of a table page's cost), to be drawn on
 * a canvas that never exists here. With font faces enabled, pdf.js hands the converted font to the
 * display side's FontFace instead and builds no outlines; Node has no FontFace, so pdf.js would fall
 * back to the outlines. A font face that accepts and drops the font, with a document whose font set
 * does the same, keeps pdf.js on the cheap path. Nothing is drawn, so nothing is lost: text comes
 * from getTextContent, rulings from path operators. Both are given only to pdf.js (`ownerDocument`),
 * except FontFace, which pdf.js looks up as a global, and which is only defined where none exists.
 */
class DiscardedFontFace {
  readonly family: string;
  readonly loaded: Promise<DiscardedFontFace> = Promise.resolve(this);
  constructor(family: string) {
    this.family = family;
  }
  load(): Promise<DiscardedFontFace> {
    return this.loaded;
  }
}
if (!('FontFace' in globalThis)) {
  Object.defineProperty(globalThis, 'FontFace', {
    value: DiscardedFontFace,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
const discardingDocument = { fonts: { add(): void {}, delete(): void {} } };

export { corruptMessage, encryptedMessage };

export interface OpenedPdf {
  readonly document: PDFDocumentProxy;
  /** Frees the document and its worker-side state; safe to call more than once. */
  close(): Promise<void>;
}

/** Opens the bytes (copied: pdf.js may detach the buffer it is given) or throws a Rejection. */
export async function openPdf(bytes: Uint8Array): Promise<OpenedPdf> {
  const task: PDFDocumentLoadingTask = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    // See DiscardedFontFace: no glyph outlines are built.
    disableFontFace: false,
    ownerDocument: discardingDocument as unknown as DocumentInitParameters['ownerDocument'],
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: cMapDirectory,
    cMapPacked: true,
    standardFontDataUrl: standardFontDirectory,
    // Images are never looked at: refusing every image keeps getOperatorList from decoding them.
    maxImageSize: 1,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // Measured without effect on the sample PDFs, so left at pdf.js's defaults: disableAutoFetch and
    // disableStream (the whole file is in memory), fontExtraProperties, pdfBug. A CMap cache across
    // documents would only save the file read; the cost is pdf.js parsing it, per document, in the
    // worker (bench/analysis.md).
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await task.destroy().catch(() => undefined);
  };
  try {
    const document = await task.promise;
    return { document, close };
  } catch (error) {
    await close();
    throw toRejection(error);
  }
}

/** Maps whatever pdf.js threw (errors cross the worker boundary by name) to a Rejection. */
export function toRejection(error: unknown): Rejection {
  if (error instanceof Rejection) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return new Rejection('encrypted', encryptedMessage, { cause: error });
  return new Rejection('corrupt-file', corruptMessage, { cause: error });
}
