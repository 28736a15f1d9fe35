/**
 * Encodes tiny solid-colour PNGs, so the smoke test uploads an image that is real to any decoder
 * and unique to its run (a cached or stale photo cannot pass the byte comparison).
 */
import { crc32, deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Rgb {
  readonly red: number;
  readonly green: number;
  readonly blue: number;
}

/** A `width` x `height` 8-bit RGB PNG filled with `color`. */
export function solidPng(width: number, height: number, color: Rgb): Buffer {
  const row = Buffer.alloc(width * 3);
  for (let x = 0; x < width; x++) row.set([color.red, color.green, color.blue], x * 3);
  return rgbPng(width, height, () => row);
}

/**
 * A PNG of pseudo-random pixels from `seed` (the same seed, the same bytes): unlike a solid
 * colour's, its bytes do not deflate away, so it weighs what a photo of its size would.
 */
export function noisePng(width: number, height: number, seed: number): Buffer {
  let state = seed >>> 0 || 1;
  return rgbPng(width, height, () => {
    const row = Buffer.alloc(width * 3);
    for (let index = 0; index < row.length; index++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      row[index] = state >>> 24;
    }
    return row;
  });
}

/** Encodes an 8-bit RGB PNG whose scanline `y` has the pixels `row(y)` (3 bytes each). */
function rgbPng(width: number, height: number, row: (y: number) => Buffer): Buffer {
  for (const [name, value] of Object.entries({ width, height })) {
    if (!Number.isSafeInteger(value) || value < 1 || value > 4096) {
      throw new RangeError(`PNG ${name} is ${value}; use a whole number of pixels from 1 to 4096`);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, adaptive filter, no interlace

  // Each scanline: filter type 0 (none), then the pixels.
  const pixels = Buffer.concat(Array.from({ length: height }, (_, y) => Buffer.concat([Buffer.alloc(1), row(y)])));

  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
