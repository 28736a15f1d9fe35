/**
 * Deterministic zips: the same entries always give the same bytes, on any machine, at any path, at
 * any time. yazl deflates with Node's zlib and lets every stamped field be fixed: the entries are
 * sorted by name, dated 1980-01-01 (the earliest MS-DOS time, no extended-timestamp field) and
 * marked rw-r--r--, so two builds of identical code get identical hashes and Terraform updates
 * nothing. yauzl (its companion) reads them back for the benchmarks and the tests.
 */
import { Buffer } from "node:buffer";
import yauzl from "yauzl";
import yazl from "yazl";

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  readonly name: string;
  readonly data: Uint8Array;
}

/** Local time: yazl stores the DOS date and time of this Date's local fields. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
/** A regular file, rw-r--r--: Lambda only needs to read the code. */
const FILE_MODE = 0o100644;

/** Builds a zip of `entries`, sorted by the byte order of their UTF-8 names, each deflated at level 9. */
export async function createZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.name, "utf8"), Buffer.from(b.name, "utf8")));
  for (const entry of sorted) {
    zip.addBuffer(Buffer.from(entry.data), entry.name, { mtime: FIXED_MTIME, mode: FILE_MODE, compressionLevel: 9, forceDosTimestamp: true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/** The file entries of a zip, in archive order, decompressed (and CRC-checked by yauzl). */
export function readZip(zipBytes: Uint8Array): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(zipBytes), { lazyEntries: true, strictFileNames: true }, (openError, zip) => {
      if (openError) return reject(openError);
      const entries: ZipEntry[] = [];
      zip.on("error", reject);
      zip.on("end", () => resolve(entries));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
