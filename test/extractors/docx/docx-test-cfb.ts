/**
 * Test helper: writes a small but well-formed OLE2 compound file (MS-CFB v3, 512-byte sectors) with
 * the named streams, the container of legacy .doc/.xls/.ppt files and of password-protected DOCX
 * (EncryptionInfo + EncryptedPackage streams).
 */

const SECTOR = 512;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const NO_STREAM = 0xffffffff;
/** Streams at the 4096-byte cutoff live in regular sectors, so no mini stream is needed. */
const STREAM_BYTES = 4096;

export function writeCompoundFile(streamNames: readonly string[]): Buffer {
  const entries = ['Root Entry', ...streamNames];
  const directorySectors = Math.ceil(entries.length / 4);
  const sectorsPerStream = STREAM_BYTES / SECTOR;
  const firstStreamSector = 1 + directorySectors;
  const sectorCount = firstStreamSector + streamNames.length * sectorsPerStream;
  if (sectorCount > SECTOR / 4) throw new Error('too many streams for one FAT sector');

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version
  header.writeUInt16LE(0xfffe, 0x1c); // byte order
  header.writeUInt16LE(9, 0x1e); // sector shift
  header.writeUInt16LE(6, 0x20); // mini sector shift
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(STREAM_BYTES, 0x38); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 0x3c); // first mini FAT sector
  header.writeUInt32LE(END_OF_CHAIN, 0x44); // first DIFAT sector
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c); // the FAT is sector 0

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  for (let i = 0; i < directorySectors; i++)
    fat.writeUInt32LE(i === directorySectors - 1 ? END_OF_CHAIN : 2 + i, (1 + i) * 4);
  streamNames.forEach((_, stream) => {
    const first = firstStreamSector + stream * sectorsPerStream;
    for (let i = 0; i < sectorsPerStream; i++) {
      fat.writeUInt32LE(i === sectorsPerStream - 1 ? END_OF_CHAIN : first + i + 1, (first + i) * 4);
    }
  });

  const directory = Buffer.alloc(directorySectors * SECTOR);
  entries.forEach((name, i) => {
    const at = i * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length, at + 0x40);
    directory[at + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
    directory[at + 0x43] = 1; // black
    directory.writeUInt32LE(NO_STREAM, at + 0x44); // left sibling
    // A degenerate tree: each stream is the right sibling of the one before.
    directory.writeUInt32LE(i > 0 && i < entries.length - 1 ? i + 1 : NO_STREAM, at + 0x48);
    directory.writeUInt32LE(i === 0 && entries.length > 1 ? 1 : NO_STREAM, at + 0x4c); // child
    directory.writeUInt32LE(i === 0 ? END_OF_CHAIN : firstStreamSector + (i - 1) * sectorsPerStream, at + 0x74);
    directory.writeUInt32LE(i === 0 ? 0 : STREAM_BYTES, at + 0x78);
  });

  const streams = Buffer.alloc(streamNames.length * STREAM_BYTES, 0x2a);
  return Buffer.concat([header, fat, directory, streams]);
}
