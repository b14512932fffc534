/**
 * Opens a DOCX's zip safely, before anything inflates it without limits: checks the central directory
 * (entry count, declared sizes, compression ratios), then inflates every entry as a stream while
 * counting bytes, aborting past the caps because declared sizes can lie. Hands back the inflated bytes
 * of the parts the caller keeps, so the zip is read once. Refuses XML parts carrying a DTD, the vehicle
 * of external-entity (XXE) and entity-expansion attacks.
 */
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { ReadLimits } from '../model/limits.js';
import { formatMiB, isRejection, Rejection } from '../model/rejection.js';

export interface ZipContents {
  /** Every file entry of the archive, in central-directory order (directory entries left out). */
  readonly names: readonly string[];
  /** Inflated bytes of the entries the caller chose to keep. */
  readonly parts: ReadonlyMap<string, Buffer>;
}

export interface GuardOptions {
  /** Which entries to keep in memory once inflated; the others are inflated only to be measured. */
  readonly keep: (name: string) => boolean;
}

/** Entries smaller than this are not judged by their compression ratio: a short run of XML compresses well. */
export const RATIO_EXEMPT_BYTES = 1024 * 1024;

const corrupt = (cause: unknown) =>
  new Rejection('corrupt-file', '文件已损坏（压缩包结构无法读取），可能是下载或拷贝不完整，请重新导出后报送。', {
    cause,
  });

const tooLargeInflated = (limits: ReadLimits) =>
  new Rejection(
    'too-large',
    `该文件解压后超过${formatMiB(limits.maxUncompressedBytes)} MB上限，疑似“压缩炸弹”或异常文件，已拒收。请检查文件后重新报送。`,
  );

/** `ratio` is known when declared; when inflation was cut off at the ceiling, only that it exceeds the limit. */
const badRatio = (name: string, ratio: number | null, limits: ReadLimits) =>
  new Rejection(
    'too-large',
    `该文件中的“${name}”压缩比异常（${ratio === null ? '超过' : `约${Math.round(ratio)}倍，上限`}${limits.maxCompressionRatio}倍），疑似“压缩炸弹”，已拒收。请检查文件后重新报送。`,
  );

/** The largest inflated size an entry may reach before its ratio condemns it. */
function ratioCeiling(compressedSize: number, limits: ReadLimits): number {
  return Math.max(RATIO_EXEMPT_BYTES, compressedSize * limits.maxCompressionRatio);
}

function checkDeclared(entries: readonly yauzl.Entry[], limits: ReadLimits): void {
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw new Rejection(
      'too-large',
      `该文件声明解压后约${formatMiB(declared)} MB，超过${formatMiB(limits.maxUncompressedBytes)} MB上限，疑似“压缩炸弹”或异常文件，已拒收。请检查文件后重新报送。`,
    );
  }
  for (const entry of entries) {
    if (entry.uncompressedSize > ratioCeiling(entry.compressedSize, limits)) {
      throw badRatio(entry.fileName, entry.uncompressedSize / Math.max(entry.compressedSize, 1), limits);
    }
  }
}

const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * Where an entry's data starts: after its local header (30 bytes, then name and extra field). Read
 * from the buffer directly, as yauzl's readLocalFileHeader does, without its stream per read.
 */
function fileDataStart(buffer: Buffer, entry: yauzl.Entry): number {
  const header = entry.relativeOffsetOfLocalHeader;
  if (header + 30 > buffer.length || buffer.readUInt32LE(header) !== LOCAL_FILE_HEADER) {
    throw corrupt(new Error(`${entry.fileName}: invalid local file header`));
  }
  return header + 30 + buffer.readUInt16LE(header + 26) + buffer.readUInt16LE(header + 28);
}

/**
 * Inflates one entry, never past `cap` bytes: `budget` is what the whole archive may still inflate to,
 * the ratio ceiling what this entry may. zlib stops at maxOutputLength, so a lying size header costs
 * at most the cap. (Synchronous inflation: zlib streams go through the thread pool and cost more in
 * scheduling than a DOCX's few hundred kilobytes of XML take to inflate.)
 */
function inflateEntry(buffer: Buffer, entry: yauzl.Entry, budget: number, limits: ReadLimits): Buffer {
  if (entry.isEncrypted()) {
    throw new Rejection('encrypted', '该文件的压缩内容已加密，无法读取，请取消密码后重新报送。');
  }
  if (!entry.canDecodeFileData()) throw corrupt(new Error(`unsupported compression method ${entry.compressionMethod}`));
  const start = fileDataStart(buffer, entry);
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw corrupt(new Error(`${entry.fileName}: data runs past the end of the file`));
  const raw = buffer.subarray(start, end);
  const ceiling = ratioCeiling(entry.compressedSize, limits);
  const cap = Math.min(budget, ceiling);
  const overCap = (size: number) => (size > budget ? tooLargeInflated(limits) : badRatio(entry.fileName, null, limits));
  let data = raw;
  if (entry.compressionMethod !== 0) {
    try {
      // One byte over the cap tells "exactly at the cap" from "past it".
      data = inflateRawSync(raw, { maxOutputLength: cap + 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overCap(cap + 1);
      throw corrupt(error);
    }
  }
  if (data.length > cap) throw overCap(data.length);
  if (data.length !== entry.uncompressedSize) {
    throw corrupt(new Error(`${entry.fileName}: ${data.length} bytes inflated, ${entry.uncompressedSize} declared`));
  }
  return data;
}

/** OPC forbids DTDs in package parts, so any DOCTYPE is hostile or broken; entities are never resolved. */
function hasDoctype(bytes: Buffer): boolean {
  for (let at = bytes.indexOf('<!'); at >= 0; at = bytes.indexOf('<!', at + 2)) {
    if (bytes.toString('latin1', at, at + 9).toUpperCase() === '<!DOCTYPE') return true;
  }
  return false;
}

async function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    if (!entry.fileName.endsWith('/')) entries.push(entry);
  }
  return entries;
}

/** Throws a Rejection (`too-large`, `corrupt-file`, `encrypted`) when the zip is hostile or unreadable. */
export async function guardZip(bytes: Uint8Array, limits: ReadLimits, options: GuardOptions): Promise<ZipContents> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: false });
    if (zip.entryCount > limits.maxZipEntries) {
      throw new Rejection(
        'too-large',
        `该文件包含${zip.entryCount}个压缩条目，超过${limits.maxZipEntries}个上限，疑似异常文件，已拒收。`,
      );
    }
    const entries = await readEntries(zip);
    checkDeclared(entries, limits);

    const parts = new Map<string, Buffer>();
    let inflated = 0;
    for (const entry of entries) {
      const data = inflateEntry(buffer, entry, limits.maxUncompressedBytes - inflated, limits);
      inflated += data.length;
      if (!options.keep(entry.fileName)) continue;
      if (hasDoctype(data)) {
        throw new Rejection(
          'corrupt-file',
          `文件内容异常：“${entry.fileName}”中含有不允许的DTD/实体声明（可能是恶意构造的文件），已拒收。请用Word重新保存后报送。`,
        );
      }
      parts.set(entry.fileName, data);
    }
    return { names: entries.map((entry) => entry.fileName), parts };
  } catch (error) {
    if (isRejection(error)) throw error;
    throw corrupt(error);
  } finally {
    zip?.close();
  }
}
