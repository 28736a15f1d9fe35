/**
 * Core of GET /events/{eventId}/photos: ready photos, newest first, a page at a time. The event and
 * the caller's attendance (for an `attendees` event's visibility) are read while the page is queried.
 */
import { requirePhotoViewer } from "../shared/access";
import { cursorCodec } from "../shared/cursor";
import type { EventStore } from "../shared/event-store";
import { isPhotoId } from "../shared/photo-id";
import type { PhotoStore } from "../shared/photo-store";
import { photoView, type PhotoView } from "../shared/photo-view";
import type { PageQuery } from "../shared/validation";

/** Cursors of a photo list name the last photo id; their scope is the event. */
export const PHOTOS_CURSOR = cursorCodec("photos", isPhotoId);

export interface PhotoList {
  readonly photos: readonly PhotoView[];
  readonly nextCursor: string | null;
}

export interface ListPhotosDeps {
  readonly store: Pick<PhotoStore, "listPhotos">;
  readonly events: Pick<EventStore, "getAccess">;
  /** Photo URLs are composed from it. */
  readonly photosBaseUrl: string;
}

export async function listPhotos(deps: ListPhotosDeps, input: { readonly eventId: string; readonly callerSub: string; readonly query: PageQuery }): Promise<PhotoList> {
  const { eventId } = input;
  const after = input.query.cursor === undefined ? undefined : PHOTOS_CURSOR.decode(input.query.cursor, eventId);
  const [access, page] = await Promise.all([deps.events.getAccess(eventId, input.callerSub), deps.store.listPhotos(eventId, input.query.limit, after)]);
  requirePhotoViewer(eventId, access.event, input.callerSub, access.attendance);
  const last = page.photos.at(-1);
  return {
    photos: page.photos.map((photo) => photoView(photo, deps.photosBaseUrl)),
    nextCursor: page.hasMore && last ? PHOTOS_CURSOR.encode(eventId, last.photoId) : null,
  };
}
