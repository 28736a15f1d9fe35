/** Core of GET /events/{eventId}/photos: ready photos, newest first, a page at a time. One Query. */
import { decodeCursor, encodeCursor } from "../shared/cursor";
import type { PhotoStore } from "../shared/photo-store";
import { photoView, type PhotoView } from "../shared/photo-view";
import type { ListPhotosQuery } from "../shared/validation";

export interface PhotoList {
  readonly photos: readonly PhotoView[];
  readonly nextCursor: string | null;
}

export async function listPhotos(store: Pick<PhotoStore, "listPhotos">, eventId: string, query: ListPhotosQuery): Promise<PhotoList> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, eventId).afterPhotoId;
  const page = await store.listPhotos(eventId, query.limit, after);
  const last = page.photos.at(-1);
  return {
    photos: page.photos.map(photoView),
    nextCursor: page.hasMore && last ? encodeCursor({ eventId, afterPhotoId: last.photoId }) : null,
  };
}
