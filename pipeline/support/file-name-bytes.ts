/**
 * File names are limited to 255 bytes (ext4, XFS, NTFS in UTF-16 units), and a Chinese character is
 * three bytes in UTF-8: a submission's own long name plus a suffix of ours (` (2)`, `.reason.txt`,
 * a temporary tag) can pass the limit. Such a name keeps its start and its extension, and a short
 * hash of the whole name stands for the rest, so two long names stay distinct.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';

export const maxFileNameBytes = 255;

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of `text`, in whole code points, of at most `limit` bytes. */
function prefixWithin(text: string, limit: number): string {
  let out = '';
  let size = 0;
  for (const point of text) {
    const length = bytes(point);
    if (size + length > limit) break;
    out += point;
    size += length;
  }
  return out;
}

/**
 * `name` as it is when it and `reserved` more bytes fit in 255 bytes; else shortened to
 * `<start>~<8 hex of sha256(name)><extension>` so that it does.
 */
export function fitFileName(name: string, reserved = 0): string {
  const room = maxFileNameBytes - reserved;
  if (bytes(name) <= room) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const extension = extname(name);
  const keepExtension = bytes(extension) <= 16 ? extension : '';
  const stem = name.slice(0, name.length - keepExtension.length);
  const tail = `~${hash}${keepExtension}`;
  return `${prefixWithin(stem, Math.max(room - bytes(tail), 0))}${tail}`;
}
