/**
 * The camera's capture time from an image's EXIF block, read before the processor drops every
 * metadata block. exif-reader (a small, widely used parser of untrusted EXIF) decodes the block;
 * only DateTimeOriginal and OffsetTimeOriginal (EXIF 2.31) are taken from it, never the location.
 * Anything malformed means "no capture time".
 */
import exifReader from "exif-reader";

/** A UTC offset as EXIF writes it, e.g. `+02:00`. */
const OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;
/** Cameras write zeros for an unset time, which parsers turn into a date before 1900. */
const EARLIEST_YEAR = 1900;

/**
 * ISO 8601 of the capture time: `2024-06-01T14:30:00+02:00`, or `2024-06-01T14:30:00` (local time,
 * as EXIF stores it) when the camera recorded no offset; null when there is no valid time.
 */
export function captureTime(exif: Uint8Array | undefined): string | null {
  if (!exif) return null;
  let photo: { DateTimeOriginal?: unknown; OffsetTimeOriginal?: unknown } | undefined;
  try {
    photo = exifReader(Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength)).Photo;
  } catch {
    return null;
  }
  const taken = photo?.DateTimeOriginal;
  // exif-reader reads the camera's local wall-clock time as if it were UTC.
  if (!(taken instanceof Date) || Number.isNaN(taken.getTime()) || taken.getUTCFullYear() < EARLIEST_YEAR) return null;
  const local = taken.toISOString().slice(0, 19);
  const offset = photo?.OffsetTimeOriginal;
  return typeof offset === "string" && OFFSET.test(offset) ? `${local}${offset}` : local;
}
