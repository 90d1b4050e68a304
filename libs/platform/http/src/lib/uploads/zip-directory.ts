/** One file of a ZIP archive as its central directory declares it; nothing is decompressed. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (APPNOTE 4.4.5). */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
}

/** The bytes are not a ZIP archive this reader accepts. */
export class ZipDirectoryError extends Error {
  override readonly name = 'ZipDirectoryError';
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ENTRY_SIGNATURE = 0x02014b50;
const ENTRY_SIZE = 46;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8_NAME = 0x800;

/**
 * Reads the End Of Central Directory record and the central directory (APPNOTE.TXT 4.3.12,
 * 4.3.16). Bounded: the EOCD is searched for in the last 64 KiB + 22 bytes only, every offset is
 * checked against the buffer, and at most `maxEntries` records are read. ZIP64 and multi-disk
 * archives are refused: a document of a few megabytes never needs them, and their sizes are
 * where decompression bombs hide.
 */
export function readZipDirectory(bytes: Buffer, maxEntries = 10_000): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(bytes);
  const disk = bytes.readUInt16LE(eocd + 4);
  const directoryDisk = bytes.readUInt16LE(eocd + 6);
  const entriesOnDisk = bytes.readUInt16LE(eocd + 8);
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipDirectoryError('ZIP64 archives are not accepted');
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count) throw new ZipDirectoryError('multi-disk archives are not accepted');
  if (count > maxEntries) throw new ZipDirectoryError(`the archive lists ${count} files, more than ${maxEntries}`);
  if (offset + size > eocd) throw new ZipDirectoryError('the central directory lies outside the archive');

  const end = offset + size;
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index += 1) {
    if (at + ENTRY_SIZE > end || bytes.readUInt32LE(at) !== ENTRY_SIGNATURE) throw new ZipDirectoryError('the central directory is truncated or corrupt');
    const flags = bytes.readUInt16LE(at + 8);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + ENTRY_SIZE + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (next > end) throw new ZipDirectoryError('the central directory is truncated or corrupt');
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) throw new ZipDirectoryError('ZIP64 archives are not accepted');
    entries.push({
      name: bytes.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1', at + ENTRY_SIZE, at + ENTRY_SIZE + nameLength),
      method: bytes.readUInt16LE(at + 10),
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
      compressedSize,
      uncompressedSize,
    });
    at = next;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at -= 1) {
    // The comment length must reach exactly to the end, or the signature is just bytes in a comment.
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE && at + EOCD_SIZE + bytes.readUInt16LE(at + 20) === bytes.length) return at;
  }
  throw new ZipDirectoryError('no ZIP end of central directory record');
}
