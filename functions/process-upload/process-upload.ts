/**
 * Core of the upload processor, for one object key. Idempotent: S3 may deliver a notification more
 * than once, concurrently, or after the object was rejected. An accepted photo costs three round
 * trips: the ranged read and the BatchGetItem (run together), then one conditional put that records
 * the object's ETag. The presigned URL stays valid for a while after acceptance, so a later
 * notification whose object has another ETag means the accepted bytes were replaced: the photo is
 * withdrawn and the object deleted.
 */
import { MAGIC_BYTES_LENGTH } from "../shared/image-types";
import { parseObjectKey } from "../shared/keys";
import type { Photo, PhotoStore } from "../shared/photo-store";
import type { UploadedObjects } from "../shared/uploaded-objects";
import { existingPhotoVerdict, rejectionReason, type RejectionReason } from "./check-upload";

export interface ProcessUploadDeps {
  readonly store: Pick<PhotoStore, "getUpload" | "createPhoto" | "rejectIntent" | "deletePhoto">;
  readonly objects: UploadedObjects;
  /** Photo URLs are `${photosBaseUrl}/${key}`. */
  readonly photosBaseUrl: string;
  readonly now: () => Date;
}

export type ProcessOutcome =
  | { readonly outcome: "accepted"; readonly photoId: string }
  /** A photo already exists for this key: a repeated or concurrent notification. */
  | { readonly outcome: "duplicate"; readonly photoId: string }
  /**
   * The object is gone: an earlier delivery rejected it (a pending intent is then marked rejected),
   * or a concurrent one is withdrawing its overwritten photo.
   */
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
  if (photo) {
    const verdict = existingPhotoVerdict(photo, object);
    if (verdict === "duplicate") return { outcome: "duplicate", photoId };
    if (verdict === "gone") return { outcome: "gone" };
    await withdrawPhoto(deps, photo);
    return { outcome: "rejected", reason: "overwritten" };
  }
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
    etag: object.etag,
  });
  return { outcome: created ? "accepted" : "duplicate", photoId };
}

/**
 * Rejects the intent first, so no delivery can accept the key again; then removes the photo item if
 * it still records the accepted ETag; the object last, so a retry after a crash still finds the
 * photo (or the rejected intent) and finishes. Each step is a no-op when repeated.
 */
async function withdrawPhoto(deps: ProcessUploadDeps, photo: Photo): Promise<void> {
  await deps.store.rejectIntent(photo.eventId, photo.photoId, "overwritten");
  await deps.store.deletePhoto(photo.eventId, photo.photoId, photo.etag);
  await deps.objects.delete(photo.objectKey);
}
