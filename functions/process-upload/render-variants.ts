/**
 * Turns an accepted upload into its published variants with sharp (libvips). The header is read
 * first, so an image over the pixel limit is refused before a single pixel is decoded (a
 * decompression bomb costs nothing); then the whole image is decoded once, oriented upright from
 * its EXIF tag, converted to sRGB and shrunk to the display size, and both WebP variants are
 * encoded from those pixels. Nothing of the input's metadata is written: sharp drops EXIF, XMP,
 * IPTC and ICC blocks unless told to keep them, and this module never does.
 * https://sharp.pixelplumbing.com/api-output#keepmetadata
 */
// Loaded as CommonJS on purpose: sharp's CommonJS build loads in about half the time of its ES
// module build, and the bundle's `require` (bundle.ts) keeps it so in the zip (bench: cold start).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import sharp = require("sharp");
import { VARIANTS, type AcceptedContentType, type Variant } from "../shared/contract";
import { captureTime } from "./capture-time";

/** WebP quality of both variants: sharp's default, written down so a change is deliberate. */
export const WEBP_QUALITY = 80;

/** sharp's name of each accepted type's format. */
const FORMATS: Readonly<Record<AcceptedContentType, string>> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" };

export interface RenderedImage {
  /** Of the upright original. */
  readonly width: number;
  readonly height: number;
  readonly takenAt: string | null;
  /** WebP bytes of each variant. */
  readonly variants: Readonly<Record<Variant, Buffer>>;
}

/** Why an image cannot be published; the processor turns each into a rejection with a message. */
export type ImageProblem =
  | { readonly problem: "not_declared_format"; readonly format: string | undefined }
  | { readonly problem: "undecodable"; readonly detail: string }
  | { readonly problem: "too_many_pixels"; readonly width: number; readonly height: number; readonly pixelLimit: number };

export type RenderResult = { readonly rendered: RenderedImage } | { readonly refused: ImageProblem };

export type RenderVariants = (bytes: Uint8Array, declared: AcceptedContentType, pixelLimit: number) => Promise<RenderResult>;

export const renderVariants: RenderVariants = async (bytes, declared, pixelLimit) => {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: sharp.Metadata;
  try {
    // Header only: no limit here, or sharp would report an oversized image as an error instead of its size.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { refused: { problem: "undecodable", detail: (error as Error).message } };
  }
  if (header.format !== FORMATS[declared]) return { refused: { problem: "not_declared_format", format: header.format } };
  const { width, height } = header.autoOrient;
  if (width * height > pixelLimit) return { refused: { problem: "too_many_pixels", width, height, pixelLimit } };

  try {
    // The limit again as libvips' own guard, and failOn "warning" (sharp's advice for untrusted
    // input): a truncated or damaged image fails instead of being padded with grey.
    const decoded = sharp(input, { limitInputPixels: pixelLimit, failOn: "warning", autoOrient: true });
    const display = await fitInside(decoded, VARIANTS.display.maxSide).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    const pixels = () => sharp(display.data, { raw: { width: display.info.width, height: display.info.height, channels: display.info.channels } });
    const [displayWebp, thumbWebp] = await Promise.all([
      pixels().webp({ quality: WEBP_QUALITY }).toBuffer(),
      fitInside(pixels(), VARIANTS.thumb.maxSide).webp({ quality: WEBP_QUALITY }).toBuffer(),
    ]);
    return { rendered: { width, height, takenAt: captureTime(header.exif), variants: { display: displayWebp, thumb: thumbWebp } } };
  } catch (error) {
    return { refused: { problem: "undecodable", detail: (error as Error).message } };
  }
};

/** Long side at most `maxSide`, aspect kept, never upscaled. */
export function fitInside(image: sharp.Sharp, maxSide: number): sharp.Sharp {
  return image.resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true });
}
