/** Engine and model versions: part of the OCR cache key (ocr-page.ts), so an upgrade reads pages again. */
export const ocrEngineId = 'pp-ocrv4/onnxruntime-node@1.31.1/ocr-models@1.4.2';
