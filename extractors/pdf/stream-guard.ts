/**
 * Refuses a PDF whose compressed streams inflate past the limits before pdf.js sees it, as the zip
 * guard does for DOCX. pdf.js inflates and interprets streams without any size limit, and a page
 * whose content stream inflates to a hundred million operators keeps it busy for a minute that the
 * pipeline can only end by killing the worker.
 *
 * Only streams large enough to matter are inflated: deflate cannot expand more than about 1032:1,
 * so a stream under `INSPECT_FROM_BYTES` compressed cannot exceed the per-stream cap. On a normal
 * report that leaves the embedded font programs, which inflate in a millisecond or two.
 */
import { inflateSync } from 'node:zlib';
import type { ReadLimits } from '../model/limits.js';
import { Rejection } from '../model/rejection.js';

/** Compressed streams smaller than this cannot inflate past the per-stream cap. */
const INSPECT_FROM_BYTES = 16 * 1024;

const streamKeyword = Buffer.from('stream');
const endstreamKeyword = Buffer.from('endstream');

function isFlate(dictionaryTail: string): boolean {
  return (
    /\/(FlateDecode|Fl)\b/.test(dictionaryTail) &&
    !/\/(DCTDecode|JPXDecode|JBIG2Decode|CCITTFaxDecode)\b/.test(dictionaryTail)
  );
}

function tooLarge(): Rejection {
  return new Rejection(
    'too-large',
    'PDF中有压缩数据解压后体积异常巨大（疑似恶意构造的“解压炸弹”），已拒绝处理，请重新导出PDF后报送。',
  );
}

/**
 * Throws Rejection('too-large') when a large FlateDecode stream inflates past
 * `limits.maxCompressionRatio` times its size (content streams and fonts of real reports stay far
 * under it: bench/analysis.md), or when the inspected streams together exceed `limits.maxUncompressedBytes`. Streams that fail to inflate are left to pdf.js, which reports them.
 */
export function guardPdfStreams(bytes: Uint8Array, limits: ReadLimits): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let from = 0;
  for (;;) {
    const keyword = buffer.indexOf(streamKeyword, from);
    if (keyword < 0) return;
    from = keyword + streamKeyword.length;
    // "endstream" also contains "stream"; only a keyword followed by an end of line opens data.
    if (keyword >= 3 && buffer.subarray(keyword - 3, keyword).toString('latin1') === 'end') continue;
    let start = from;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] !== 0x0a && buffer[start - 1] !== 0x0d) continue;
    if (buffer[start] === 0x0a) start++;
    const end = buffer.indexOf(endstreamKeyword, start);
    if (end < 0) return;
    from = end + endstreamKeyword.length;
    const compressed = end - start;
    if (compressed < INSPECT_FROM_BYTES) continue;
    const before = buffer.subarray(Math.max(0, keyword - 1024), keyword).toString('latin1');
    // The stream's dictionary: from its object header on (nested dictionaries such as DecodeParms included).
    if (!isFlate(before.slice(before.lastIndexOf('obj') + 1))) continue;
    const cap = Math.min(limits.maxUncompressedBytes - total, compressed * limits.maxCompressionRatio);
    let inflated: number;
    try {
      inflated = inflateSync(buffer.subarray(start, end), { maxOutputLength: Math.max(1, cap) }).length;
    } catch (error) {
      if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw tooLarge();
      }
      // Damaged or truncated data: pdf.js decides what it can still read.
      continue;
    }
    total += inflated;
    if (total >= limits.maxUncompressedBytes) throw tooLarge();
  }
}
