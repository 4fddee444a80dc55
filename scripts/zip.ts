// A minimal zip writer for the sources archive: deflated entries in the order given, every timestamp
// 1980-01-01, so that the same files give the same bytes. No zip64: the archive stays far below 4 GB.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive, with forward slashes. */
  name: string;
  data: Buffer;
}

const DOS_DATE_1980_01_01 = (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
/** A regular file, rw-r--r--, in the upper half of the external attributes (made by Unix). */
const UNIX_FILE = (0o100644 << 16) >>> 0;

function header(signature: number, fields: [number, 2 | 4][]): Buffer {
  const buffer = Buffer.alloc(4 + fields.reduce((sum, [, size]) => sum + size, 0));
  buffer.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [value, size] of fields) {
    if (size === 2) buffer.writeUInt16LE(value, at);
    else buffer.writeUInt32LE(value, at);
    at += size;
  }
  return buffer;
}

export function zipBytes(entries: ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error('Too many entries for a zip without zip64');
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const path = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const common: [number, 2 | 4][] = [
      [20, 2], // version needed: 2.0, deflate
      [UTF8_NAMES, 2],
      [DEFLATE, 2],
      [0, 2], // time 00:00
      [DOS_DATE_1980_01_01, 2],
      [crc32(data), 4],
      [packed.length, 4],
      [data.length, 4],
      [path.length, 2],
      [0, 2], // extra field length
    ];
    const local = Buffer.concat([header(0x04034b50, common), path, packed]);
    const tail: [number, 2 | 4][] = [
      // after the local header's fields, the central entry's own:
      [0, 2], // comment length
      [0, 2], // disk number
      [0, 2], // internal attributes
      [UNIX_FILE, 4],
      [offset, 4],
    ];
    central.push(Buffer.concat([header(0x02014b50, [[(3 << 8) | 20, 2], ...common, ...tail]), path]));
    parts.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  if (offset + directory.length > 0xffffffff) throw new Error('Too large for a zip without zip64');
  const end = header(0x06054b50, [
    [0, 2],
    [0, 2],
    [entries.length, 2],
    [entries.length, 2],
    [directory.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...parts, directory, end]);
}

export function writeZip(path: string, entries: ZipEntry[]): void {
  writeFileSync(path, zipBytes(entries));
}
