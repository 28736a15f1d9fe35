/**
 * Photo ids: 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32).
 * They sort by creation time as strings, so a DynamoDB Query on `PHOTO#{id}` sort keys with
 * ScanIndexForward=false lists newest first. The monotonic factory increments the random part
 * within one millisecond, so ids made by one process strictly increase.
 */
import { monotonicFactory } from "ulid";

/** The first character is at most 7: 48 bits of time fill 10 base-32 digits but the first. */
const PHOTO_ID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export function isPhotoId(value: string): boolean {
  return PHOTO_ID_PATTERN.test(value);
}

export type PhotoIdFactory = (now?: number) => string;

/** A generator of strictly increasing ids (per generator). */
export function photoIdFactory(): PhotoIdFactory {
  return monotonicFactory();
}

/** The process-wide generator the handlers use. */
export const newPhotoId: PhotoIdFactory = photoIdFactory();
