/**
 * Reads the entries of a zip through its central directory (PKWARE APPNOTE 4.3.12, 4.3.16), so the
 * bench can run a function exactly as Lambda would unpack it. Stored and deflated entries only: the
 * build writes deflated ones, and Lambda zips never need zip64.
 */
import { inflateRawSync } from "node:zlib";
import type { ZipEntry } from "../lib/zip";
import { BenchError } from "./errors";

/** The end of central directory record's signature (0x06054b50 little-endian), searched from the end where the record sits. */
const END_OF_CENTRAL_DIRECTORY = Buffer.from("PK\x05\x06", "latin1");
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

export class UnzipError extends BenchError {
  override name = "UnzipError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(`${message}; rebuild the zip with \`npm run build\``, options);
  }
}

export function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
  if (end < 0) throw new UnzipError("no end of central directory record");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new UnzipError(`central directory entry ${index} at byte ${at} has no signature`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    entries.push({ name, data: entryData(zip, localOffset, compressedSize, method, name) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(zip: Buffer, localOffset: number, compressedSize: number, method: number, name: string): Buffer {
  if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new UnzipError(`entry ${name} has no local header at byte ${localOffset}`);
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const compressed = zip.subarray(start, start + compressedSize);
  if (method === METHOD_STORED) return Buffer.from(compressed);
  if (method === METHOD_DEFLATE) return inflateRawSync(compressed);
  throw new UnzipError(`entry ${name} uses compression method ${method}, which is neither stored (0) nor deflate (8)`);
}
