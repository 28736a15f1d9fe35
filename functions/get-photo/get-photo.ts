/**
 * Core of GET /events/{eventId}/photos/{photoId}: one BatchGetItem reads the photo and its intent.
 * A ready photo is visible to everyone signed in; a pending or rejected upload to its uploader only.
 */
import { ApiError } from "../shared/errors";
import { isPhotoId } from "../shared/photo-id";
import type { PhotoStore, UploadStatus } from "../shared/photo-store";
import { intentView, photoView, type PhotoView } from "../shared/photo-view";

export type PhotoWithStatus = PhotoView & { readonly status: UploadStatus };

export async function getPhoto(
  store: Pick<PhotoStore, "getUpload">,
  input: { readonly eventId: string; readonly photoId: string; readonly callerSub: string },
): Promise<PhotoWithStatus> {
  const notFound = () =>
    new ApiError("not_found", `Photo "${input.photoId}" does not exist in event "${input.eventId}"; check both ids, or list the event's photos.`);
  // A malformed id cannot name a photo; answer without a read.
  if (!isPhotoId(input.photoId)) throw notFound();
  const { photo, intent } = await store.getUpload(input.eventId, input.photoId);
  if (photo) return { ...photoView(photo), status: "ready" };
  if (intent && intent.status !== "deleted" && intent.uploadedBy === input.callerSub) return intentView({ ...intent, status: intent.status });
  throw notFound();
}
