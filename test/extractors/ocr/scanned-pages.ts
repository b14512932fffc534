/**
 * Scans and photos made at test time from the committed born-digital fixtures: pages rendered by
 * the project's PDFium backend at 200 dpi, turned, compressed as JPEG by sharp, and put into
 * image-only or mixed PDFs by pdf-lib. Nothing here is committed as an image: the committed PDFs
 * are the source, so the tests read what a scanner would have made of them.
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { loadPdfBackend } from '../../../extractors/pdf/engines.js';

export const scanDpi = 200;

/** A page of a PDF as RGBA pixels at `dpi`. */
export async function renderPage(
  pdf: Uint8Array,
  page: number,
  dpi = scanDpi,
): Promise<{ width: number; height: number; data: Uint8Array }> {
  const backend = await loadPdfBackend('pdfium');
  const source = await backend.open(pdf, defaultReadLimits);
  try {
    return await source.render(page, dpi / 72);
  } finally {
    await source.close();
  }
}

export interface JpegOptions {
  /** Clockwise quarter turns of the pixels stored (the scanner fed the page this way). */
  readonly turns?: 0 | 1 | 2 | 3;
  /** EXIF orientation tag written into the file (1–8). */
  readonly orientation?: number;
  readonly quality?: number;
}

/** A rendered page as JPEG bytes, the pixels turned as given and an EXIF orientation if asked. */
export async function pageJpeg(
  image: { width: number; height: number; data: Uint8Array },
  options: JpegOptions = {},
): Promise<Buffer> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .removeAlpha()
    .rotate(90 * (options.turns ?? 0));
  pipeline = pipeline.jpeg({ quality: options.quality ?? 80 });
  if (options.orientation !== undefined) pipeline = pipeline.withMetadata({ orientation: options.orientation });
  return pipeline.toBuffer();
}

/** An image-only PDF (A4 pages, each a JPEG filling it), as a scanner makes. */
export async function imagePdf(jpegs: readonly Uint8Array[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const jpeg of jpegs) await addImagePage(pdf, jpeg);
  return pdf.save();
}

async function addImagePage(pdf: PDFDocument, jpeg: Uint8Array, index?: number): Promise<void> {
  const image = await pdf.embedJpg(jpeg);
  const landscape = image.width > image.height;
  const [width, height] = landscape ? [841.89, 595.28] : [595.28, 841.89];
  const page = index === undefined ? pdf.addPage([width, height]) : pdf.insertPage(index, [width, height]);
  page.drawImage(image, { x: 0, y: 0, width, height });
}

/** The born-digital PDF with page `page` replaced by a scanned image of it (a stamped page scanned back in). */
export async function withScannedPage(pdfBytes: Uint8Array, page: number, jpeg: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(pdfBytes);
  pdf.removePage(page - 1);
  await addImagePage(pdf, jpeg, page - 1);
  return pdf.save();
}
