/**
 * Engine and model versions, and the revision of our pre- and post-processing around them: part of the
 * OCR cache key (ocr-page.ts), so that an upgrade, or a change in what a page reads as, reads pages again.
 * r2: recognition batches bounded by width (pp-ocr.ts).
 * r3: each box's character probabilities and the recogniser's doubts (runner-up characters, glyphs
 * read as nothing), which the text repairs read (page-text.ts); a photo's page found under light
 * falling off across it (raster/perspective.ts).
 */
export const ocrEngineId = 'pp-ocrv4/onnxruntime-node@1.31.1/ocr-models@1.4.2/r3';
