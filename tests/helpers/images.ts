/**
 * Real images made by sharp for the tests, never bytes checked in: each accepted type, optionally
 * with the metadata a phone writes (camera make, capture time, GPS position, XMP) and an EXIF
 * orientation; and the broken inputs the processor must refuse.
 */
import { crc32 } from "node:zlib";
import sharp, { type Sharp } from "sharp";
import type { AcceptedContentType } from "../../functions/shared/contract";

export const CAMERA_MAKE = "TestCam";
export const TAKEN_AT_EXIF = "2024:06:01 14:30:00";
export const TAKEN_AT_OFFSET = "+02:00";

export interface ImageOptions {
  /** Stored (before orientation) size. @default 64 x 48 */
  readonly width?: number;
  readonly height?: number;
  /** EXIF Make, DateTimeOriginal with its offset, a GPS position, and an XMP packet. @default false */
  readonly cameraMetadata?: boolean;
  /** EXIF Orientation (6: the camera was turned 90 degrees clockwise). @default none */
  readonly orientation?: number;
  /** Fill colour; a random one makes the image unique to its run. @default a fixed red */
  readonly colour?: { readonly r: number; readonly g: number; readonly b: number };
}

const ENCODERS: Readonly<Record<AcceptedContentType, (image: Sharp) => Sharp>> = {
  "image/jpeg": (image) => image.jpeg(),
  "image/png": (image) => image.png(),
  "image/webp": (image) => image.webp(),
};

export async function makeImage(contentType: AcceptedContentType, options: ImageOptions = {}): Promise<Buffer> {
  const { width = 64, height = 48, colour = { r: 200, g: 40, b: 60 } } = options;
  // A darker left half, so a rotation or a mirror shows in the pixels as well as in the size.
  const half = await sharp({ create: { width: Math.max(1, Math.floor(width / 2)), height, channels: 3, background: { r: 10, g: 10, b: 10 } } }).png().toBuffer();
  let image = ENCODERS[contentType](sharp({ create: { width, height, channels: 3, background: colour } }).composite([{ input: half, left: 0, top: 0 }]));
  if (options.cameraMetadata) {
    image = image
      .withExif({
        IFD0: { Make: CAMERA_MAKE, Model: "TestCam One" },
        IFD2: { DateTimeOriginal: TAKEN_AT_EXIF, OffsetTimeOriginal: TAKEN_AT_OFFSET },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 0/1" },
      })
      .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Make="${CAMERA_MAKE}"/></rdf:RDF></x:xmpmeta>`);
  }
  if (options.orientation !== undefined) image = image.withMetadata({ orientation: options.orientation });
  return image.toBuffer();
}

/** The first `length` bytes of `image`: what an interrupted upload leaves. */
export function truncated(image: Buffer, length: number): Buffer {
  return Buffer.from(image.subarray(0, length));
}

/** A small real PNG whose header claims `width` x `height` (with a valid CRC): a decompression bomb's shape. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await makeImage("image/png", { width: 8, height: 8 }));
  // Signature (8 bytes), then the IHDR chunk: length (4), type (4), width (4), height (4), ..., CRC of type and data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** Text posing as an image: the right length is easy to fake, the magic bytes are not. */
export function notAnImage(length: number): Buffer {
  return Buffer.alloc(length, "not an image ");
}
