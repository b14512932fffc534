/**
 * Checks an OLE2 compound file (MS-CFB: the container of .doc, .xls, .wps) before a reader walks it:
 * a file cut short (a download or copy that broke off) is `corrupt-file` here, with a clear message,
 * rather than whatever the reader makes of sector chains running off the end; a directory that
 * declares streams larger than the uncompressed-size limit is `too-large`. The readers then only see
 * files whose every allocated sector exists.
 */
import type { ReadLimits } from '../model/limits.js';
import { Rejection } from '../model/rejection.js';

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const MAX_REGULAR_SECTOR = 0xfffffffa;
const FREE_SECTOR = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;
const MINI_STREAM_CUTOFF = 4096;

const corrupt = (detail: string) =>
  new Rejection('corrupt-file', '文件已损坏或不完整（可能是下载或拷贝中断），无法读取，请重新保存后报送。', {
    cause: new Error(detail),
  });

export interface CompoundFileFacts {
  readonly sectorSize: number;
  readonly streams: readonly { name: string; size: number }[];
}

/** Throws a Rejection (`corrupt-file`, `too-large`) when the compound file cannot be read safely. */
export function checkCompoundFile(bytes: Uint8Array, limits: ReadLimits): CompoundFileFacts {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 512 || !buffer.subarray(0, 8).equals(SIGNATURE)) throw corrupt('no compound file header');
  const sectorShift = buffer.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) throw corrupt(`sector shift ${sectorShift}`);
  const sectorSize = 1 << sectorShift;
  // The last sector may be short when a writer did not pad it; a partial sector still counts.
  const sectorCount = Math.ceil((buffer.length - sectorSize) / sectorSize);
  const exists = (sector: number) => sector < sectorCount;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const readSector = (sector: number) => buffer.subarray(sectorOffset(sector), sectorOffset(sector) + sectorSize);

  const fatSectors: number[] = [];
  const declaredFatSectors = buffer.readUInt32LE(0x2c);
  for (let i = 0; i < Math.min(declaredFatSectors, HEADER_DIFAT_ENTRIES); i++) {
    fatSectors.push(buffer.readUInt32LE(0x4c + i * 4));
  }
  const seenDifat = new Set<number>();
  let difat = buffer.readUInt32LE(0x44);
  while (difat <= MAX_REGULAR_SECTOR && fatSectors.length < declaredFatSectors) {
    if (!exists(difat) || seenDifat.has(difat)) throw corrupt(`DIFAT sector ${difat}`);
    seenDifat.add(difat);
    const sector = readSector(difat);
    for (let i = 0; i < sectorSize - 4 && fatSectors.length < declaredFatSectors; i += 4) {
      fatSectors.push(sector.readUInt32LE(i));
    }
    difat = sector.readUInt32LE(sectorSize - 4);
  }
  if (fatSectors.length < declaredFatSectors) throw corrupt('FAT sector list short');
  const fat: number[] = [];
  for (const sector of fatSectors) {
    if (!exists(sector) || sectorOffset(sector) + sectorSize > buffer.length)
      throw corrupt(`FAT sector ${sector} missing`);
    const data = readSector(sector);
    for (let i = 0; i < sectorSize; i += 4) fat.push(data.readUInt32LE(i));
  }
  // Every sector the FAT allocates must exist: a truncated file fails here.
  for (let sector = 0; sector < fat.length; sector++) {
    const next = fat[sector]!;
    if (next > MAX_REGULAR_SECTOR) continue;
    if (!exists(sector) || !exists(next)) throw corrupt(`chain ${sector} → ${next} beyond the end of the file`);
  }

  const chain = (start: number): number[] => {
    const sectors: number[] = [];
    const seen = new Set<number>();
    for (let sector = start; sector <= MAX_REGULAR_SECTOR; sector = fat[sector] ?? FREE_SECTOR) {
      if (!exists(sector) || seen.has(sector)) throw corrupt(`bad chain at ${sector}`);
      seen.add(sector);
      sectors.push(sector);
    }
    return sectors;
  };

  const streams: { name: string; size: number }[] = [];
  let total = 0;
  for (const sector of chain(buffer.readUInt32LE(0x30))) {
    const data = readSector(sector);
    for (let at = 0; at + DIRECTORY_ENTRY_BYTES <= data.length; at += DIRECTORY_ENTRY_BYTES) {
      const type = data[at + 0x42];
      const nameBytes = data.readUInt16LE(at + 0x40);
      if (type !== 2 || nameBytes < 2 || nameBytes > 64) continue;
      const name = data.toString('utf16le', at, at + nameBytes - 2);
      // Version 3 files use only the low 32 bits of the size.
      const size = sectorShift === 9 ? data.readUInt32LE(at + 0x78) : Number(data.readBigUInt64LE(at + 0x78));
      const start = data.readUInt32LE(at + 0x74);
      if (size >= MINI_STREAM_CUTOFF && size > 0) {
        const sectors = chain(start);
        if (sectors.length * sectorSize < size) throw corrupt(`stream ${name} shorter than declared`);
      }
      total += size;
      streams.push({ name, size });
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new Rejection(
      'too-large',
      '该文件内部数据量异常（超过解压上限），疑似异常文件，已拒收。请检查文件后重新报送。',
    );
  }
  return { sectorSize, streams };
}
