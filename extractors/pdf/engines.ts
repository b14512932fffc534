/**
 * Loads a PDF engine (backend.ts) on first use. In a module of its own: the engines import
 * backend.ts's types, and the loader imports the engines.
 */
import type { PdfBackend, PdfEngine } from './backend.js';

/*
 * The engines are imported on first use: a worker that only ever reads with PDFium never loads
 * pdf.js (tens of MB: bench/analysis.md), and the other way round.
 */
const loaded = new Map<PdfEngine, Promise<PdfBackend>>();

export function loadPdfBackend(engine: PdfEngine): Promise<PdfBackend> {
  let backend = loaded.get(engine);
  if (!backend) {
    backend = (
      engine === 'pdfium'
        ? import('./pdfium-backend.js').then((m) => m.pdfiumBackend)
        : import('./pdfjs-backend.js').then((m) => m.pdfjsBackend)
    ).catch((error: unknown) => {
      loaded.delete(engine);
      throw error;
    });
    loaded.set(engine, backend);
  }
  return backend;
}
