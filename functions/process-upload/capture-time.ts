/**
 * The camera's capture time from an image's EXIF block, read before the processor drops every
 * metadata block. Only two tags are read: DateTimeOriginal and OffsetTimeOriginal (EXIF 2.31); the
 * location and everything else are never looked at. The block is untrusted bytes: every offset is
 * bounds-checked, and anything malformed simply means "no capture time".
 * https://www.cipa.jp/std/documents/e/DC-008-Translation-2019-E.pdf (sections 4.5 and 4.6)
 */

const EXIF_IFD_POINTER = 0x8769;
const DATE_TIME_ORIGINAL = 0x9003;
const OFFSET_TIME_ORIGINAL = 0x9011;
const ASCII = 2;
const LONG = 4;
const ENTRY_BYTES = 12;
/** libvips hands the block over as an APP1 payload, with this marker before the TIFF header. */
const EXIF_MARKER = Buffer.from("Exif\0\0", "latin1");

/**
 * ISO 8601 of the capture time: `2024-06-01T14:30:00+02:00`, or `2024-06-01T14:30:00` (local time,
 * as EXIF stores it) when the camera recorded no offset; null when there is no valid time.
 */
export function captureTime(exif: Uint8Array | undefined): string | null {
  if (!exif) return null;
  const block = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const tiff = block.subarray(0, EXIF_MARKER.length).equals(EXIF_MARKER) ? block.subarray(EXIF_MARKER.length) : block;
  const reader = tiffReader(tiff);
  if (!reader) return null;
  const exifIfd = reader.entry(reader.firstIfd, EXIF_IFD_POINTER, LONG);
  if (!exifIfd) return null;
  const dateTime = parseDateTime(reader.ascii(reader.entry(reader.read32(exifIfd.valueAt), DATE_TIME_ORIGINAL, ASCII)));
  if (!dateTime) return null;
  const offset = reader.ascii(reader.entry(reader.read32(exifIfd.valueAt), OFFSET_TIME_ORIGINAL, ASCII));
  return offset !== undefined && /^[+-](0\d|1[0-4]):[0-5]\d$/.test(offset) ? `${dateTime}${offset}` : dateTime;
}

interface IfdEntry {
  readonly count: number;
  /** Where the value is: inside the entry when it fits in 4 bytes, else where the entry points. */
  readonly valueAt: number;
}

function tiffReader(tiff: Buffer) {
  if (tiff.length < 8) return undefined;
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return undefined;
  const little = order === "II";
  const inBounds = (offset: number, length: number) => Number.isSafeInteger(offset) && offset >= 0 && offset + length <= tiff.length;
  const read16 = (offset: number) => (inBounds(offset, 2) ? (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset)) : -1);
  const read32 = (offset: number) => (inBounds(offset, 4) ? (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset)) : -1);
  if (read16(2) !== 42) return undefined;

  /** The entry of `tag` in the IFD at `ifd` when it has `type`; undefined otherwise. */
  const entry = (ifd: number, tag: number, type: number): IfdEntry | undefined => {
    const count = read16(ifd);
    for (let index = 0; index < count; index += 1) {
      const at = ifd + 2 + index * ENTRY_BYTES;
      if (read16(at) !== tag) continue;
      if (read16(at + 2) !== type) return undefined;
      const values = read32(at + 4);
      const size = values * (type === LONG ? 4 : 1);
      return { count: values, valueAt: size <= 4 ? at + 8 : read32(at + 8) };
    }
    return undefined;
  };
  /** The text of an ASCII entry, without its terminating NUL. */
  const ascii = (found: IfdEntry | undefined): string | undefined => {
    if (!found || !inBounds(found.valueAt, found.count)) return undefined;
    return tiff.toString("latin1", found.valueAt, found.valueAt + found.count).replace(/\0+$/, "");
  };
  return { firstIfd: read32(4), entry, ascii, read32 };
}

/** `2024:06:01 14:30:00` to `2024-06-01T14:30:00`; cameras write zeros or blanks when unset. */
function parseDateTime(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4}):(\d\d):(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    year >= 1800 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}` : undefined;
}
