/**
 * Photo ids: 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32).
 * They sort by creation time as strings, so a DynamoDB Query on `PHOTO#{id}` sort keys with
 * ScanIndexForward=false lists newest first. Within one millisecond the random part is incremented,
 * so ids made by one process stay strictly increasing.
 */
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const PHOTO_ID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export function isPhotoId(value: string): boolean {
  return PHOTO_ID_PATTERN.test(value);
}

export type PhotoIdFactory = (now?: number) => string;

/** A generator of strictly increasing ids (per generator). */
export function photoIdFactory(random: (size: number) => Uint8Array = randomBytes): PhotoIdFactory {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return (now = Date.now()) => {
    if (now <= lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = now;
      lastRandom = Array.from(random(RANDOM_CHARS), (byte) => byte % 32);
    }
    return encodeTime(lastTime) + lastRandom.map((digit) => ALPHABET[digit]).join("");
  };
}

/** The process-wide generator the handlers use. */
export const newPhotoId: PhotoIdFactory = photoIdFactory();

function encodeTime(millis: number): string {
  let remaining = millis;
  let text = "";
  for (let i = 0; i < TIME_CHARS; i += 1) {
    text = ALPHABET[remaining % 32] + text;
    remaining = Math.floor(remaining / 32);
  }
  return text;
}

/** Adds one to a base-32 number held as digits; 80 random bits make overflow practically impossible. */
function increment(digits: readonly number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new RangeError("Photo id random part overflowed within one millisecond; retry in the next millisecond.");
}
