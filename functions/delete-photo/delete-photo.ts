/**
 * Core of DELETE /events/{eventId}/photos/{photoId}: the uploader, or the event's organizer, deletes
 * a photo (or an upload still pending or rejected). The intent is marked `deleted` first: a processor
 * accepting the same upload right now re-reads the intent after publishing and withdraws what it
 * wrote, so a deleted photo never reappears. Then the photo item, the original and the variants go,
 * and the variants' CDN paths are invalidated. Every step repeats harmlessly, so a retry after a
 * failure finishes the job.
 */
import { requireEvent } from "../shared/access";
import type { Cdn } from "../shared/cdn";
import { LIMITS, PHOTOS_PREFIX, VARIANTS, type Variant } from "../shared/contract";
import { ApiError } from "../shared/errors";
import type { EventStore } from "../shared/event-store";
import { variantKey } from "../shared/keys";
import { isPhotoId } from "../shared/photo-id";
import type { PhotoStore } from "../shared/photo-store";

export interface DeletePhotoDeps {
  readonly events: Pick<EventStore, "getEvent">;
  readonly store: Pick<PhotoStore, "getUpload" | "markDeleted" | "removePhoto">;
  readonly objects: { delete(key: string): Promise<void> };
  readonly cdn: Cdn;
  readonly now: () => Date;
}

export async function deletePhoto(deps: DeletePhotoDeps, input: { readonly eventId: string; readonly photoId: string; readonly callerSub: string }): Promise<void> {
  const { eventId, photoId, callerSub } = input;
  const notFound = () => new ApiError("not_found", `Photo "${photoId}" does not exist in event "${eventId}"; check both ids, or list the event's photos.`);
  if (!isPhotoId(photoId)) throw notFound();
  const [event, { photo, intent }] = await Promise.all([deps.events.getEvent(eventId), deps.store.getUpload(eventId, photoId)]);
  const organizer = requireEvent(eventId, event).organizerSub === callerSub;
  const uploadedBy = photo?.uploadedBy ?? intent?.uploadedBy;
  const mayDelete = organizer || uploadedBy === callerSub;
  if (!photo) {
    // Not ready: only its uploader (and the organizer, who moderates) know it exists.
    if (!intent || !mayDelete) throw notFound();
    if (intent.status === "deleted") return;
  } else if (!mayDelete) {
    throw new ApiError("not_allowed", `Only the photo's uploader or the organizer of event "${eventId}" may delete photo "${photoId}".`);
  }

  const now = deps.now();
  await deps.store.markDeleted(eventId, photoId, Math.floor(now.getTime() / 1000) + LIMITS.uploadIntentTtlSeconds);
  await deps.store.removePhoto(eventId, photoId);
  const original = photo?.objectKey ?? intent?.objectKey;
  const keys = [...(original ? [original] : []), ...(Object.keys(VARIANTS) as Variant[]).map((variant) => variantKey(eventId, photoId, variant))];
  await Promise.all(keys.map((key) => deps.objects.delete(key)));
  await deps.cdn.invalidate([`/${PHOTOS_PREFIX}${eventId}/${photoId}/*`], `delete-${eventId}-${photoId}`);
}
