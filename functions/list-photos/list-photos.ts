/** Core of GET /events/{eventId}/photos: ready photos, newest first, a page at a time. One Query. */
import { decodeCursor, encodeCursor } from "../shared/cursor";
import type { PhotoStore } from "../shared/photo-store";
import { photoView, type PhotoView } from "../shared/photo-view";
import type { ListPhotosQuery } from "../shared/validation";

export interface PhotoList {
  readonly photos: readonly PhotoView[];
  readonly nextCursor: string | null;
}

export interface ListPhotosDeps {
  readonly store: Pick<PhotoStore, "listPhotos">;
  /** Photo URLs are composed from it. */
  readonly photosBaseUrl: string;
}

export async function listPhotos(deps: ListPhotosDeps, eventId: string, query: ListPhotosQuery): Promise<PhotoList> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, eventId).afterPhotoId;
  const page = await deps.store.listPhotos(eventId, query.limit, after);
  const last = page.photos.at(-1);
  return {
    photos: page.photos.map((photo) => photoView(photo, deps.photosBaseUrl)),
    nextCursor: page.hasMore && last ? encodeCursor({ eventId, afterPhotoId: last.photoId }) : null,
  };
}
