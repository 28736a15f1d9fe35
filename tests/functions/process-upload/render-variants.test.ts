/** The image pipeline on real images made by sharp: sizes, orientation, metadata, and what it refuses. */
import sharp from "sharp";
import { renderVariants, type RenderedImage } from "../../../functions/process-upload/render-variants";
import { ACCEPTED_CONTENT_TYPES, LIMITS, VARIANTS } from "../../../functions/shared/contract";
import { CAMERA_MAKE, makeImage, notAnImage, pngClaiming, truncated } from "../../helpers/images";

async function rendered(bytes: Buffer, ...args: [] | [Parameters<typeof renderVariants>[1]]): Promise<RenderedImage> {
  const result = await renderVariants(bytes, args[0] ?? "image/jpeg", LIMITS.defaultPixelLimit);
  if (!("rendered" in result)) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  return result.rendered;
}

describe.each(ACCEPTED_CONTENT_TYPES)("a %s with camera metadata and Orientation=6", (contentType) => {
  let image: RenderedImage;
  beforeAll(async () => {
    image = await rendered(await makeImage(contentType, { width: 3000, height: 2000, cameraMetadata: true, orientation: 6 }), contentType);
  });

  test("comes out upright (portrait), with the upright size and the capture time", () => {
    expect({ width: image.width, height: image.height, takenAt: image.takenAt }).toEqual({ width: 2000, height: 3000, takenAt: "2024-06-01T14:30:00+02:00" });
  });

  test.each(Object.entries(VARIANTS))("%s is a WebP whose long side is at most its limit, in sRGB, with no metadata block", async (variant, { maxSide }) => {
    const webp = image.variants[variant as keyof typeof VARIANTS];
    const metadata = await sharp(webp).metadata();
    expect(metadata).toMatchObject({ format: "webp", height: maxSide, width: Math.round((maxSide * 2) / 3), space: "srgb" });
    for (const block of ["exif", "xmp", "iptc", "icc", "orientation"] as const) expect({ [block]: metadata[block] }).toEqual({ [block]: undefined });
    expect(webp.includes(CAMERA_MAKE)).toBe(false);
  });

  test("the dark half, stored on the left, is on top once upright", async () => {
    const { data, info } = await sharp(image.variants.thumb).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels] ?? -1;
    expect(at(Math.floor(info.width / 2), 10)).toBeLessThan(50);
    expect(at(Math.floor(info.width / 2), info.height - 10)).toBeGreaterThan(150);
  });
});

test("a small image is never upscaled", async () => {
  const image = await rendered(await makeImage("image/png", { width: 300, height: 100 }), "image/png");
  for (const webp of Object.values(image.variants)) expect(await sharp(webp).metadata()).toMatchObject({ width: 300, height: 100 });
  expect(image.takenAt).toBeNull();
});

test("an image within the display size keeps it; its thumbnail is 400 on its long side", async () => {
  const image = await rendered(await makeImage("image/webp", { width: 1000, height: 2000 }), "image/webp");
  expect(await sharp(image.variants.display).metadata()).toMatchObject({ width: 1000, height: 2000 });
  expect(await sharp(image.variants.thumb).metadata()).toMatchObject({ width: 200, height: 400 });
});

describe("refused", () => {
  test("a truncated JPEG does not decode", async () => {
    const jpeg = await makeImage("image/jpeg", { width: 1200, height: 900 });
    expect(await renderVariants(truncated(jpeg, 5000), "image/jpeg", LIMITS.defaultPixelLimit)).toEqual({
      refused: { problem: "undecodable", detail: expect.stringMatching(/premature end|truncated/i) },
    });
  });

  test("a PNG whose header claims 20000x20000 is refused from its header", async () => {
    expect(await renderVariants(await pngClaiming(20000, 20000), "image/png", LIMITS.defaultPixelLimit)).toEqual({
      refused: { problem: "too_many_pixels", width: 20000, height: 20000, pixelLimit: LIMITS.defaultPixelLimit },
    });
  });

  test("the stage's own limit counts, on the upright size", async () => {
    expect(await renderVariants(await makeImage("image/jpeg", { width: 300, height: 200, orientation: 6 }), "image/jpeg", 59_999)).toEqual({
      refused: { problem: "too_many_pixels", width: 200, height: 300, pixelLimit: 59_999 },
    });
  });

  test("bytes of another format than the declared one", async () => {
    expect(await renderVariants(await makeImage("image/webp"), "image/png", LIMITS.defaultPixelLimit)).toEqual({ refused: { problem: "not_declared_format", format: "webp" } });
  });

  test("bytes of no image at all", async () => {
    expect(await renderVariants(notAnImage(100), "image/png", LIMITS.defaultPixelLimit)).toEqual({ refused: { problem: "undecodable", detail: expect.any(String) } });
  });
});
