/**
 * Lists the stream names of an OLE2 compound file (MS-CFB), enough to tell a password-protected DOCX
 * (an `EncryptedPackage` stream) from a legacy .doc (`WordDocument`), .xls or .ppt. Reads only the
 * header, the FAT and the directory; never throws: a broken file yields what could be read.
 */

const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;
const MAX_DIRECTORY_ENTRIES = 100_000;

const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');

export function listCompoundFileStreams(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let names: string[] = [];
  try {
    names = readDirectoryNames(buffer);
  } catch {
    // A truncated or malformed header: fall through to the byte search below.
  }
  // Directory entries hold names as UTF-16LE, so a damaged FAT still leaves the name findable.
  if (!names.includes('EncryptedPackage') && buffer.includes(utf16le('EncryptedPackage\0'))) {
    names.push('EncryptedPackage');
  }
  return names;
}

function readDirectoryNames(buffer: Buffer): string[] {
  const sectorShift = buffer.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return [];
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.floor(buffer.length / sectorSize) - 1;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const isSector = (sector: number) => sector >= 0 && sector < sectorCount;

  const fatSectors = readFatSectorList(buffer, sectorSize, isSector, sectorOffset);
  const fat: number[] = [];
  for (const sector of fatSectors) {
    const offset = sectorOffset(sector);
    for (let i = 0; i < sectorSize; i += 4) fat.push(buffer.readUInt32LE(offset + i));
  }

  const names: string[] = [];
  const seen = new Set<number>();
  let sector = buffer.readUInt32LE(0x30);
  // A cycle in the chain, or one running off the file, ends the walk.
  while (isSector(sector) && !seen.has(sector) && names.length < MAX_DIRECTORY_ENTRIES) {
    seen.add(sector);
    const offset = sectorOffset(sector);
    for (let entry = 0; entry < sectorSize; entry += DIRECTORY_ENTRY_BYTES) {
      const at = offset + entry;
      const nameBytes = buffer.readUInt16LE(at + 0x40);
      const type = buffer[at + 0x42];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      names.push(buffer.toString('utf16le', at, at + nameBytes - 2));
    }
    sector = fat[sector] ?? END_OF_CHAIN;
  }
  return names;
}

function readFatSectorList(
  buffer: Buffer,
  sectorSize: number,
  isSector: (sector: number) => boolean,
  sectorOffset: (sector: number) => number,
): number[] {
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) {
    const sector = buffer.readUInt32LE(0x4c + i * 4);
    if (sector !== FREE_SECTOR && isSector(sector)) fatSectors.push(sector);
  }
  // Files over ~7 MB list further FAT sectors in a DIFAT chain; each DIFAT sector ends with the next one's number.
  const seen = new Set<number>();
  let difat = buffer.readUInt32LE(0x44);
  while (isSector(difat) && !seen.has(difat)) {
    seen.add(difat);
    const offset = sectorOffset(difat);
    for (let i = 0; i < sectorSize - 4; i += 4) {
      const sector = buffer.readUInt32LE(offset + i);
      if (sector !== FREE_SECTOR && isSector(sector)) fatSectors.push(sector);
    }
    difat = buffer.readUInt32LE(offset + sectorSize - 4);
  }
  return fatSectors;
}
