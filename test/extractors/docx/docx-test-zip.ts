/**
 * Test helper: a minimal zip writer (able to lie about sizes, as hostile files do) and an unzipper, so
 * the DOCX tests can take a real Word file apart, change one part, and put it back together.
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipEntryInput {
  readonly name: string;
  /** The entry's content; deflated unless `stored`. */
  readonly data?: Uint8Array;
  /** Already-deflated content (e.g. a bomb deflated chunk by chunk), written as is. */
  readonly deflated?: Uint8Array;
  readonly stored?: boolean;
  /** Uncompressed size to declare instead of the true one (a lying header). */
  readonly declaredSize?: number;
  /** CRC-32 to declare when `deflated` is given (unknown otherwise). */
  readonly crc?: number;
}

export function writeZip(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ? Buffer.from(entry.data) : Buffer.alloc(0);
    const body = entry.deflated ? Buffer.from(entry.deflated) : entry.stored ? data : deflateRawSync(data);
    const method = entry.stored ? 0 : 8;
    const crc = entry.crc ?? (entry.deflated ? 0 : crc32(data));
    const size = entry.declaredSize ?? data.length;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every entry of a zip, inflated (test inputs only: no limits). */
export async function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const buffer = Buffer.from(bytes);
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const header = entry.relativeOffsetOfLocalHeader;
    const start = header + 30 + buffer.readUInt16LE(header + 26) + buffer.readUInt16LE(header + 28);
    const raw = buffer.subarray(start, start + entry.compressedSize);
    entries.set(entry.fileName, entry.compressionMethod === 0 ? raw : inflateRawSync(raw));
  }
  return entries;
}

/** A copy of a zip with some parts replaced (by text) and the others unchanged. */
export async function replaceParts(bytes: Uint8Array, replace: Record<string, string | Uint8Array>): Promise<Buffer> {
  const entries = await unzip(bytes);
  for (const [name, content] of Object.entries(replace)) {
    entries.set(name, typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content));
  }
  return writeZip([...entries].map(([name, data]) => ({ name, data })));
}

/**
 * A raw deflate stream of `mebibytes` MiB of zeros, built without ever holding them inflated: one
 * full-flushed block (byte-aligned, no back-references across it) repeated, then an empty final block.
 */
export function deflatedZeros(mebibytes: number): { deflated: Buffer; crc: number; size: number } {
  const chunk = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < mebibytes; i++) crc = crc32(chunk, crc);
  const deflated = Buffer.concat([...Array.from({ length: mebibytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
  return { deflated, crc, size: mebibytes * chunk.length };
}
