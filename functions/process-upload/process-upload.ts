/**
 * Core of the upload processor, for one object key. S3 may deliver a notification more than once,
 * concurrently, or after the object was rejected, so every step is idempotent and ordered for
 * retries: a crash anywhere leaves state that the next delivery finishes.
 *
 * An accepted upload: the object and both items of the upload are read together; the object is
 * checked against its intent, then decoded whole and rendered (render-variants.ts); both WebP
 * variants are written; the photo item is put once (conditionally, with the object's ETag); then
 * the intent is read again, strongly consistent, because a DELETE may have started meanwhile: it
 * marks the intent `deleted` before it removes anything, so whichever of the two comes second
 * removes the photo, its variants and its original. An intent that is no longer pending means the
 * same at any point: nothing of the upload stays published.
 *
 * The presigned URL stays valid for a while after acceptance, so a later notification whose
 * object has another ETag means the accepted bytes were replaced: the photo is withdrawn.
 */
import { VARIANTS, type Variant } from "../shared/contract";
import { parseObjectKey, variantKey, type ParsedObjectKey } from "../shared/keys";
import type { Photo, PhotoStore, Rejection, RejectionCode, UploadIntent } from "../shared/photo-store";
import type { PublishedVariants } from "../shared/published-variants";
import type { UploadedObjects } from "../shared/uploaded-objects";
import { checkUpload, existingPhotoVerdict, imageRejection, REJECTIONS } from "./check-upload";
import type { RenderVariants } from "./render-variants";

export interface ProcessUploadDeps {
  readonly store: Pick<PhotoStore, "getUpload" | "createPhoto" | "rejectIntent" | "deletePhoto">;
  readonly objects: UploadedObjects;
  readonly variants: PublishedVariants;
  readonly render: RenderVariants;
  /** Images with more pixels (width times height) are rejected before decoding. */
  readonly pixelLimit: number;
  readonly now: () => Date;
}

export type ProcessOutcome =
  /** Published; `sizeBytes` is the original's size. */
  | { readonly outcome: "accepted"; readonly photoId: string; readonly sizeBytes: number }
  /** A photo already exists for this key: a repeated or concurrent notification. */
  | { readonly outcome: "duplicate"; readonly photoId: string }
  /** Nothing to check: the object is gone (an earlier delivery rejected it, or a withdrawal is under way). */
  | { readonly outcome: "gone" }
  | { readonly outcome: "rejected"; readonly code: RejectionCode }
  /** The upload was already rejected or deleted (perhaps while this delivery ran): whatever was left of it is removed. */
  | { readonly outcome: "removed"; readonly photoId: string; readonly status: UploadIntent["status"] };

const VARIANT_NAMES = Object.keys(VARIANTS) as Variant[];

export async function processUpload(deps: ProcessUploadDeps, key: string): Promise<ProcessOutcome> {
  const parsed = parseObjectKey(key);
  if (!parsed) {
    await deps.objects.delete(key);
    return { outcome: "rejected", code: REJECTIONS.noIntent.code };
  }
  const { eventId, photoId } = parsed;
  const [object, { intent, photo }] = await Promise.all([deps.objects.read(key), deps.store.getUpload(eventId, photoId)]);
  if (intent && intent.status !== "pending") {
    await removeUpload(deps, parsed, key, photo);
    return { outcome: "removed", photoId, status: intent.status };
  }
  if (photo) {
    const verdict = existingPhotoVerdict(photo, object);
    if (verdict === "duplicate") return { outcome: "duplicate", photoId };
    if (verdict === "gone") return { outcome: "gone" };
    // Rejected first: from then on every delivery, a retry of this one included, removes the rest.
    await deps.store.rejectIntent(eventId, photoId, REJECTIONS.overwritten);
    await removeUpload(deps, parsed, key, photo);
    return { outcome: "rejected", code: REJECTIONS.overwritten.code };
  }
  if (!object) return { outcome: "gone" };

  const rejection = checkUpload(key, object, intent, Math.floor(deps.now().getTime() / 1000));
  if (rejection || !intent) return reject(deps, parsed, key, rejection ?? REJECTIONS.noIntent, intent !== undefined);
  const result = await deps.render(object.bytes, intent.contentType, deps.pixelLimit);
  if ("refused" in result) return reject(deps, parsed, key, imageRejection(result.refused, intent.contentType), true);

  const { rendered } = result;
  const variantKeys = variantKeysOf(parsed);
  await Promise.all(VARIANT_NAMES.map((variant) => deps.variants.put(variantKeys[variant], rendered.variants[variant])));
  const accepted: Photo = {
    eventId,
    photoId,
    objectKey: key,
    title: intent.title,
    description: intent.description,
    contentType: intent.contentType,
    sizeBytes: object.bytes.length,
    variantKeys,
    width: rendered.width,
    height: rendered.height,
    takenAt: rendered.takenAt,
    uploadedBy: intent.uploadedBy,
    createdAt: intent.createdAt,
    etag: object.etag,
  };
  if (!(await deps.store.createPhoto(accepted))) return { outcome: "duplicate", photoId };

  // A DELETE (or the withdrawal of an overwrite) that began while this delivery rendered marked the
  // intent first; it may have found nothing to remove yet, so this delivery removes what it wrote.
  const after = await deps.store.getUpload(eventId, photoId);
  if (after.intent && after.intent.status !== "pending") {
    await removeUpload(deps, parsed, key, accepted);
    return { outcome: "removed", photoId, status: after.intent.status };
  }
  return { outcome: "accepted", photoId, sizeBytes: accepted.sizeBytes };
}

/**
 * Marks a pending intent rejected, then deletes the object: a retry after a failed delete finds the
 * intent rejected and removes what is left, and the reason recorded first is the one kept.
 */
async function reject(deps: ProcessUploadDeps, parsed: ParsedObjectKey, key: string, rejection: Rejection, hasIntent: boolean) {
  if (hasIntent) await deps.store.rejectIntent(parsed.eventId, parsed.photoId, rejection);
  await deps.objects.delete(key);
  return { outcome: "rejected", code: rejection.code } as const;
}

/**
 * Removes everything of an upload whose intent is no longer pending: the photo item first (it is
 * no longer listed), then the variants, the original last. Each step is a no-op when repeated, and
 * a retry starts again from the intent's status, so a crash between steps leaves nothing behind.
 */
async function removeUpload(deps: ProcessUploadDeps, parsed: ParsedObjectKey, key: string, photo: Pick<Photo, "etag"> | undefined): Promise<void> {
  if (photo) await deps.store.deletePhoto(parsed.eventId, parsed.photoId, photo.etag);
  const variantKeys = variantKeysOf(parsed);
  await Promise.all(VARIANT_NAMES.map((variant) => deps.objects.delete(variantKeys[variant])));
  await deps.objects.delete(key);
}

function variantKeysOf({ eventId, photoId }: ParsedObjectKey): Record<Variant, string> {
  return Object.fromEntries(VARIANT_NAMES.map((variant) => [variant, variantKey(eventId, photoId, variant)])) as Record<Variant, string>;
}
