/**
 * The pure decisions of the processor: does this object match a pending, unexpired intent in key,
 * size, stored type and first bytes? And, once a photo exists, is the object still the one accepted?
 */
import { detectImageType } from "../shared/image-types";
import type { Photo, UploadIntent } from "../shared/photo-store";
import type { ObjectStart } from "../shared/uploaded-objects";

export type RejectionReason =
  | "key_outside_scheme"
  | "no_intent"
  | "intent_not_pending"
  | "intent_expired"
  | "key_mismatch"
  | "size_mismatch"
  | "content_type_mismatch"
  | "bytes_not_declared_type"
  /** Written again after it was accepted (the presigned URL was still valid). */
  | "overwritten";

/** Returns the reason to reject the object, or undefined to accept it. */
export function rejectionReason(
  key: string,
  object: ObjectStart,
  intent: UploadIntent | undefined,
  nowEpochSeconds: number,
): RejectionReason | undefined {
  if (!intent) return "no_intent";
  if (intent.status !== "pending") return "intent_not_pending";
  if (intent.expiresAtEpoch <= nowEpochSeconds) return "intent_expired";
  if (intent.objectKey !== key) return "key_mismatch";
  if (object.totalBytes !== intent.contentLength) return "size_mismatch";
  if (object.contentType !== undefined && object.contentType !== intent.contentType) return "content_type_mismatch";
  if (detectImageType(object.firstBytes) !== intent.contentType) return "bytes_not_declared_type";
  return undefined;
}

/**
 * What a notification for the key of an existing photo means. Photo keys are immutable, so an object
 * whose ETag differs from the accepted one holds bytes nobody checked: it must not stay published.
 */
export type ExistingPhotoVerdict =
  | "duplicate"
  | "overwritten"
  /** Nothing to check: a concurrent delivery is removing the photo of an overwritten object. */
  | "gone";

export function existingPhotoVerdict(photo: Pick<Photo, "etag">, object: Pick<ObjectStart, "etag"> | undefined): ExistingPhotoVerdict {
  if (!object) return "gone";
  return object.etag === photo.etag ? "duplicate" : "overwritten";
}
