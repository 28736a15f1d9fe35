import { existingPhotoVerdict, rejectionReason } from "../../../functions/process-upload/check-upload";
import type { UploadIntent } from "../../../functions/shared/photo-store";
import { TINY_IMAGES } from "../../helpers/images";

const KEY = "uploads/gala/01ARZ3NDEKTSV4RRFFQ69G5FAV.png";
const INTENT: UploadIntent = {
  eventId: "gala",
  photoId: "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  objectKey: KEY,
  title: "t",
  description: "",
  contentType: "image/png",
  contentLength: 70,
  uploadedBy: "sub",
  status: "pending",
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAtEpoch: 2000,
};
const ETAG = '"accepted-etag"';
const PNG = { contentType: "image/png", totalBytes: 70, firstBytes: TINY_IMAGES["image/png"].subarray(0, 16), etag: ETAG };

test("a matching object is accepted", () => {
  expect(rejectionReason(KEY, PNG, INTENT, 1000)).toBeUndefined();
  expect(rejectionReason(KEY, { ...PNG, contentType: undefined }, INTENT, 1000)).toBeUndefined();
});

test.each([
  ["no_intent", PNG, undefined, 1000],
  ["intent_not_pending", PNG, { ...INTENT, status: "rejected" }, 1000],
  ["intent_expired", PNG, INTENT, 2000],
  ["key_mismatch", PNG, { ...INTENT, objectKey: "uploads/gala/other.png" }, 1000],
  ["size_mismatch", { ...PNG, totalBytes: 71 }, INTENT, 1000],
  ["content_type_mismatch", { ...PNG, contentType: "image/jpeg" }, INTENT, 1000],
  ["bytes_not_declared_type", { ...PNG, firstBytes: TINY_IMAGES["image/webp"].subarray(0, 16) }, INTENT, 1000],
] as const)("%s", (reason, object, intent, now) => {
  expect(rejectionReason(KEY, object, intent as UploadIntent | undefined, now)).toBe(reason);
});

describe("a notification for the key of an existing photo", () => {
  test("with the accepted ETag is a duplicate", () => {
    expect(existingPhotoVerdict({ etag: ETAG }, PNG)).toBe("duplicate");
  });

  test("with another ETag means the object was overwritten, even by a valid image", () => {
    expect(existingPhotoVerdict({ etag: ETAG }, { ...PNG, etag: '"other-etag"' })).toBe("overwritten");
  });

  test("without an object has nothing left to check", () => {
    expect(existingPhotoVerdict({ etag: ETAG }, undefined)).toBe("gone");
  });
});
