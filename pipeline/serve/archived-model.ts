/**
 * The document model of an archived submission, for the desk's document view: read again from the
 * archive, and for a scan or a photo through the store's OCR cache (pipeline/desk/ocr-page-cache.ts),
 * so that opening a scanned submission on the desk takes its pages as the check read them instead of
 * recognising them again (seconds a page); and the frame of a page read by OCR, to draw it as read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentModel } from '../../extractors/model/document-model.js';
import type { ReadLimits } from '../../extractors/model/limits.js';
import { ocrEngineId } from '../../extractors/ocr/engine/engine-id.js';
import { readDocument } from '../../extractors/read-document.js';
import type { Db } from '../desk/database.js';
import { StoreOcrCache } from '../desk/ocr-page-cache.js';
import type { OcrFrame } from './page-image-protocol.js';

export interface ArchivedReaders {
  /** The document model of an archived original, its OCR pages from the store. */
  readModel: (submission: { sha256: string; archivePath: string }) => Promise<DocumentModel>;
  /** The frame of an archived PDF's page or picture read by OCR (pipeline/serve/page-images.ts), from its stored record. */
  ocrFrame: (sha256: string, page: number) => Promise<OcrFrame | undefined>;
}

/** Both readers on one view of the store's OCR pages. */
export function archivedReaders(outDir: string, db: Db, limits: ReadLimits): ArchivedReaders {
  const ocrCache = new StoreOcrCache(db);
  return {
    readModel: async (submission) =>
      readDocument(await readFile(join(outDir, submission.archivePath)), limits, {
        ocrCache,
        sha256: submission.sha256,
      }),
    ocrFrame: async (sha256, page) => (await ocrCache.get(sha256, page, ocrEngineId))?.frame,
  };
}
