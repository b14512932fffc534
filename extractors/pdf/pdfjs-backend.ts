/**
 * The pdf.js engine behind backend.ts: getTextContent for the text runs, getOperatorList for the
 * rulings (only when the reader asks for them), pdf.js's viewport for /Rotate and the CropBox.
 * It cannot render pages (Node has no canvas here); PDFium does that.
 */
import type { PdfBackend, PdfDocumentSource, PdfPageSource } from './backend.js';
import { openPdf, pdfjs, toRejection } from './load.js';
import { collectRulings } from './rulings.js';
import { toTextRuns } from './text-runs.js';

async function open(bytes: Uint8Array): Promise<PdfDocumentSource> {
  const opened = await openPdf(bytes);
  const { document } = opened;
  return {
    pageCount: document.numPages,
    async page(n: number): Promise<PdfPageSource> {
      const page = await document.getPage(n);
      try {
        const viewport = page.getViewport({ scale: 1 });
        const transform = viewport.transform as number[];
        const content = await page.getTextContent();
        return {
          width: viewport.width,
          height: viewport.height,
          text: toTextRuns(content.items, transform),
          async rulings() {
            const operators = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
            return collectRulings(operators, transform);
          },
          close: () => {
            page.cleanup();
          },
        };
      } catch (error) {
        page.cleanup();
        throw error;
      }
    },
    render(): Promise<never> {
      return Promise.reject(new Error('pdf.js cannot render pages here (no canvas); use the PDFium engine'));
    },
    close: () => opened.close(),
  };
}

export const pdfjsBackend: PdfBackend = { open, toRejection };
