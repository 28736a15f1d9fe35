/**
 * A minimal deterministic zip writer: the same entries always give the same bytes, on any
 * machine, at any path, at any time. General-purpose zip tools stamp the file's modification
 * time, the owner's permissions and the host OS into every entry, so two builds of identical
 * code would get different hashes and Terraform would redeploy every function for nothing.
 *
 * Format: PKWARE APPNOTE 6.3.x, sections 4.3.7 (local header), 4.3.12 (central directory)
 * and 4.3.16 (end of central directory). No zip64: Lambda zips are far below 4 GiB.
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  readonly name: string;
  readonly data: Uint8Array;
}

export class ZipError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ZipError";
  }
}

export class ZipEntryNameError extends ZipError {
  constructor(
    readonly entryName: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`zip entry name "${entryName}" ${reason}`, options);
    this.name = "ZipEntryNameError";
  }
}

export class ZipTooLargeError extends ZipError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ZipTooLargeError";
  }
}

/** 1980-01-01 00:00:00, the earliest MS-DOS timestamp: date = (year-1980)<<9 | month<<5 | day. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** 2.0: the first version with deflate; "made by" puts the host system (3 = Unix) in the high byte. */
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
const METHOD_DEFLATE = 8;
/** Unix mode of a regular file, rw-r--r--, in the high 16 bits of the external attributes. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
const MAX_UINT16 = 0xffff;
const MAX_UINT32 = 0xffffffff;

/** Builds a zip of `entries`, sorted by name, each deflated at the highest level. */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => compareNames(a.name, b.name));
  if (sorted.length > MAX_UINT16) {
    throw new ZipTooLargeError(`a zip holds at most ${MAX_UINT16} entries without zip64, got ${sorted.length}; split the archive`);
  }
  sorted.forEach((entry, index) => {
    checkName(entry.name);
    if (index > 0 && sorted[index - 1]?.name === entry.name) {
      throw new ZipEntryNameError(entry.name, "appears twice; give every entry a unique name");
    }
  });

  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const name = Buffer.from(entry.name, "utf8");
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const fields: EntryFields = {
      crc: crc32(entry.data),
      compressedSize: compressed.length,
      size: entry.data.length,
      nameLength: name.length,
    };
    const local = Buffer.concat([localHeader(fields), name, compressed]);
    centralParts.push(centralHeader(fields, checkedUint32(offset, "archive size")), name);
    localParts.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centralParts);
  const end = endOfCentralDirectory(sorted.length, central.length, checkedUint32(offset, "archive size"));
  return Buffer.concat([...localParts, central, end]);
}

interface EntryFields {
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly nameLength: number;
}

function localHeader(fields: EntryFields): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(METHOD_DEFLATE, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  writeSizes(header, 14, fields);
  header.writeUInt16LE(fields.nameLength, 26);
  header.writeUInt16LE(0, 28); // no extra field: it would carry timestamps and uid/gid
  return header;
}

function centralHeader(fields: EntryFields, localHeaderOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(METHOD_DEFLATE, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  writeSizes(header, 16, fields);
  header.writeUInt16LE(fields.nameLength, 28);
  // Extra field length, comment length, disk number start and internal attributes stay 0.
  header.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
  header.writeUInt32LE(localHeaderOffset, 42);
  return header;
}

/** CRC-32, compressed size, uncompressed size: the same 12 bytes in both headers. */
function writeSizes(header: Buffer, at: number, fields: EntryFields): void {
  header.writeUInt32LE(fields.crc, at);
  header.writeUInt32LE(checkedUint32(fields.compressedSize, "compressed entry size"), at + 4);
  header.writeUInt32LE(checkedUint32(fields.size, "entry size"), at + 8);
}

function endOfCentralDirectory(count: number, centralSize: number, centralOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  // Disk numbers (bytes 4-7) stay 0: a single-disk archive.
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(checkedUint32(centralSize, "central directory size"), 12);
  end.writeUInt32LE(centralOffset, 16);
  end.writeUInt16LE(0, 20); // no archive comment
  return end;
}

function checkedUint32(value: number, what: string): number {
  if (value > MAX_UINT32) {
    throw new ZipTooLargeError(`${what} is ${value} bytes, over the 4 GiB a zip without zip64 can hold; make the archive smaller`);
  }
  return value;
}

function checkName(name: string): void {
  if (name === "" || name.startsWith("/") || name.includes("\\") || name.split("/").some((part) => part === "" || part === "..")) {
    throw new ZipEntryNameError(name, "is not a relative path with forward slashes; use a name like `dir/file.mjs`");
  }
  if (Buffer.byteLength(name, "utf8") > MAX_UINT16) {
    throw new ZipEntryNameError(name, `is longer than ${MAX_UINT16} bytes; shorten it`);
  }
}

/** Byte order of the UTF-8 names, so the order does not depend on the locale. */
function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
