/**
 * Core of GET /events/{eventId}/photos/{photoId}: the photo and its intent, and the event with the
 * caller's attendance (visibility), read in parallel. A ready photo is visible to whoever may see
 * the event's photos; a pending or rejected upload to its uploader only.
 */
import { requirePhotoViewer } from "../shared/access";
import { ApiError } from "../shared/errors";
import type { EventStore } from "../shared/event-store";
import { isPhotoId } from "../shared/photo-id";
import type { PhotoStore } from "../shared/photo-store";
import { intentView, photoView, type PhotoStatusView } from "../shared/photo-view";

export interface GetPhotoDeps {
  readonly store: Pick<PhotoStore, "getUpload">;
  readonly events: Pick<EventStore, "getAccess">;
  /** Photo URLs are composed from it. */
  readonly photosBaseUrl: string;
}

export async function getPhoto(
  deps: GetPhotoDeps,
  input: { readonly eventId: string; readonly photoId: string; readonly callerSub: string },
): Promise<PhotoStatusView> {
  const notFound = () =>
    new ApiError("not_found", `Photo "${input.photoId}" does not exist in event "${input.eventId}"; check both ids, or list the event's photos.`);
  // A malformed id cannot name a photo; answer without a read.
  if (!isPhotoId(input.photoId)) throw notFound();
  const [access, { photo, intent }] = await Promise.all([
    deps.events.getAccess(input.eventId, input.callerSub),
    deps.store.getUpload(input.eventId, input.photoId),
  ]);
  requirePhotoViewer(input.eventId, access.event, input.callerSub, access.attendance);
  if (photo) return { ...photoView(photo, deps.photosBaseUrl), status: "ready" };
  if (intent && intent.status !== "deleted" && intent.uploadedBy === input.callerSub) return intentView({ ...intent, status: intent.status });
  throw notFound();
}
