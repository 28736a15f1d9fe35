import { checkUpload, existingPhotoVerdict, imageRejection } from "../../../functions/process-upload/check-upload";
import type { UploadIntent } from "../../../functions/shared/photo-store";
import { makeImage, notAnImage } from "../../helpers/images";

const KEY = "uploads/gala/01ARZ3NDEKTSV4RRFFQ69G5FAV.png";
const ETAG = '"accepted-etag"';
let png: { contentType: string | undefined; bytes: Buffer; etag: string };
let intent: UploadIntent;

beforeAll(async () => {
  const bytes = await makeImage("image/png");
  png = { contentType: "image/png", bytes, etag: ETAG };
  intent = {
    eventId: "gala",
    photoId: "01ARZ3NDEKTSV4RRFFQ69G5FAV",
    objectKey: KEY,
    title: "t",
    description: "",
    contentType: "image/png",
    contentLength: bytes.length,
    uploadedBy: "sub",
    status: "pending",
    createdAt: "2026-01-01T00:00:00.000Z",
    expiresAtEpoch: 2000,
  };
});

test("a matching object passes, with or without a stored type", () => {
  expect(checkUpload(KEY, png, intent, 1000)).toBeUndefined();
  expect(checkUpload(KEY, { ...png, contentType: undefined }, intent, 1000)).toBeUndefined();
});

describe("each finer reason maps onto one of DESIGN section 5's codes, with a message to act on", () => {
  test.each([
    ["no intent", () => [png, undefined, 1000], "no_intent", /No pending upload matches this file/],
    ["an intent already rejected", () => [png, { ...intent, status: "rejected" }, 1000], "no_intent", /No pending upload/],
    ["an intent already deleted", () => [png, { ...intent, status: "deleted" }, 1000], "no_intent", /No pending upload/],
    ["another key than the intent's", () => [png, { ...intent, objectKey: "uploads/gala/other.png" }, 1000], "no_intent", /No pending upload/],
    ["an expired intent", () => [png, intent, 2000], "expired", /after its upload had expired/],
    ["another size", () => [{ ...png, bytes: Buffer.concat([png.bytes, Buffer.alloc(1)]) }, intent, 1000], "size_mismatch", /has \d+ bytes but the upload announced \d+/],
    ["another stored type", () => [{ ...png, contentType: "image/jpeg" }, intent, 1000], "type_mismatch", /announced as a PNG image but it was stored as image\/jpeg/],
    ["bytes of another accepted type", () => [{ ...png, bytes: Buffer.concat([Buffer.from("RIFF\0\0\0\0WEBPVP8 "), png.bytes]).subarray(0, png.bytes.length) }, intent, 1000], "type_mismatch", /announced as a PNG image but it is a WebP image/],
    ["bytes of no image type", () => [{ ...png, bytes: notAnImage(png.bytes.length) }, intent, 1000], "type_mismatch", /it is not a JPEG, PNG or WebP image/],
  ] as const)("%s", (_name, args, code, message) => {
    const [object, withIntent, now] = args() as [typeof png, UploadIntent | undefined, number];
    const rejection = checkUpload(KEY, object, withIntent, now);
    expect(rejection).toEqual({ code, message: expect.stringMatching(message) });
  });

  test("image problems", () => {
    expect(imageRejection({ problem: "undecodable", detail: "VipsJpeg: premature end of JPEG image" }, "image/jpeg")).toEqual({
      code: "corrupt_image",
      message: "The JPEG file could not be decoded (VipsJpeg: premature end of JPEG image): it is truncated or damaged; export the photo again and upload the new file.",
    });
    expect(imageRejection({ problem: "too_many_pixels", width: 20000, height: 20000, pixelLimit: 100_000_000 }, "image/png")).toEqual({
      code: "too_many_pixels",
      message: "The image is 20000 x 20000 pixels (400 megapixels), more than the limit of 100 megapixels; scale it down and upload it again.",
    });
    expect(imageRejection({ problem: "not_declared_format", format: "gif" }, "image/png")).toMatchObject({ code: "type_mismatch", message: expect.stringContaining("decode as gif") });
  });
});

describe("a notification for the key of an existing photo", () => {
  test("with the accepted ETag is a duplicate", () => {
    expect(existingPhotoVerdict({ etag: ETAG }, png)).toBe("duplicate");
  });

  test("with another ETag means the object was overwritten, even by a valid image", () => {
    expect(existingPhotoVerdict({ etag: ETAG }, { ...png, etag: '"other-etag"' })).toBe("overwritten");
  });

  test("without an object has nothing left to check", () => {
    expect(existingPhotoVerdict({ etag: ETAG }, undefined)).toBe("gone");
  });
});
