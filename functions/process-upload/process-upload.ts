/**
 * Core of the upload processor, for one object key. Idempotent: S3 may deliver a notification more
 * than once, concurrently, or after the object was rejected. An accepted photo costs three round
 * trips: the ranged read and the BatchGetItem (run together), then one conditional put.
 */
import { MAGIC_BYTES_LENGTH } from "../shared/image-types";
import { parseObjectKey } from "../shared/keys";
import type { PhotoStore } from "../shared/photo-store";
import type { UploadedObjects } from "../shared/uploaded-objects";
import { rejectionReason, type RejectionReason } from "./check-upload";

export interface ProcessUploadDeps {
  readonly store: Pick<PhotoStore, "getUpload" | "createPhoto" | "rejectIntent">;
  readonly objects: UploadedObjects;
  /** Photo URLs are `${photosBaseUrl}/${key}`. */
  readonly photosBaseUrl: string;
  readonly now: () => Date;
}

export type ProcessOutcome =
  | { readonly outcome: "accepted"; readonly photoId: string }
  /** A photo already exists for this key: a repeated or concurrent notification. */
  | { readonly outcome: "duplicate"; readonly photoId: string }
  /** The object is gone (an earlier delivery rejected it); a pending intent is marked rejected. */
  | { readonly outcome: "gone" }
  | { readonly outcome: "rejected"; readonly reason: RejectionReason };

export async function processUpload(deps: ProcessUploadDeps, key: string): Promise<ProcessOutcome> {
  const parsed = parseObjectKey(key);
  if (!parsed) {
    await deps.objects.delete(key);
    return { outcome: "rejected", reason: "key_outside_scheme" };
  }
  const { eventId, photoId } = parsed;
  const [object, { intent, photo }] = await Promise.all([
    deps.objects.readStart(key, MAGIC_BYTES_LENGTH),
    deps.store.getUpload(eventId, photoId),
  ]);
  // Never reject an object a photo already points at.
  if (photo) return { outcome: "duplicate", photoId };
  if (!object) {
    if (intent?.status === "pending") await deps.store.rejectIntent(eventId, photoId, "object_missing");
    return { outcome: "gone" };
  }

  const now = deps.now();
  const reason = rejectionReason(key, object, intent, Math.floor(now.getTime() / 1000));
  if (reason || !intent) {
    // Delete before marking: if marking fails, the retry finds the object gone and marks it then.
    await deps.objects.delete(key);
    if (intent?.status === "pending") await deps.store.rejectIntent(eventId, photoId, reason ?? "no_intent");
    return { outcome: "rejected", reason: reason ?? "no_intent" };
  }

  const created = await deps.store.createPhoto({
    eventId,
    photoId,
    objectKey: key,
    title: intent.title,
    description: intent.description,
    contentType: intent.contentType,
    sizeBytes: object.totalBytes,
    url: `${deps.photosBaseUrl}/${key}`,
    uploadedBy: intent.uploadedBy,
    createdAt: intent.createdAt,
  });
  return { outcome: created ? "accepted" : "duplicate", photoId };
}
