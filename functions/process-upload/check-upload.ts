/**
 * The pure decision of the processor: does this object match a pending, unexpired intent in key,
 * size, stored type and first bytes? Returns the reason to reject it, or undefined to accept it.
 */
import { detectImageType } from "../shared/image-types";
import type { UploadIntent } from "../shared/photo-store";
import type { ObjectStart } from "../shared/uploaded-objects";

export type RejectionReason =
  | "key_outside_scheme"
  | "no_intent"
  | "intent_not_pending"
  | "intent_expired"
  | "key_mismatch"
  | "size_mismatch"
  | "content_type_mismatch"
  | "bytes_not_declared_type";

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
