/** Bytes → document model: detects the format from the bytes and hands them to the DOCX or PDF reader. */
import type { DocumentModel } from './document-model.js';
import { defaultReadLimits, type ReadLimits } from './limits.js';
import { Rejection } from './rejection.js';

// STUB (owned by the DOCX-reader work): replaced by the real dispatcher.
export async function readDocument(bytes: Uint8Array, limits: ReadLimits = defaultReadLimits): Promise<DocumentModel> {
  void limits;
  if (bytes.length === 0) throw new Rejection('empty-file', '文件为空（0字节），请重新报送。');
  throw new Rejection('unsupported-format', '暂不支持该文件格式。');
}
