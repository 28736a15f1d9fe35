/**
 * One event (DESIGN 7): its name, the upload panel for attendees (or a status saying the caller is
 * not registered), the photo grid newest first with "Load more", delete buttons where the caller
 * may delete, the organizer's Attendees box, and the larger view of one photo.
 */
import { useEffect, useState } from "preact/hooks";
import type { ApiClient, ApiEvent, Photo } from "../../client/api";
import { AttendeesBox } from "./attendees-box";
import { formatEventDates } from "./dates";
import { errorMessage } from "./messages";
import { PhotoDialog } from "./photo-dialog";
import { PhotoGrid } from "./photo-grid";
import { mergePhotos } from "./photos";
import { navigate } from "./router";
import { eventPath } from "./routes";
import type { SignedIn } from "./session";
import { UploadPanel } from "./upload-panel";

export interface EventPageProps {
  readonly api: ApiClient;
  readonly user: SignedIn;
  readonly eventId: string;
  /** Uploads in flight at once (config.json). */
  readonly uploadConcurrency: number;
  /** The photo shown in the larger view. @default none */
  readonly photoId?: string;
}

export function EventPage({ api, user, eventId, uploadConcurrency, photoId }: EventPageProps) {
  const [event, setEvent] = useState<ApiEvent>();
  const [eventError, setEventError] = useState<string>();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [listed, setListed] = useState(false);
  const [listError, setListError] = useState<string>();
  const [deleting, setDeleting] = useState<ReadonlySet<string>>(new Set());

  const loadPhotos = (after?: string) =>
    api.listPhotos(eventId, after ? { cursor: after } : {}).then(
      (page) => {
        setPhotos((current) => mergePhotos(after ? current : [], page.photos));
        setCursor(page.nextCursor);
        setListed(true);
        setListError(undefined);
      },
      (failure: unknown) => setListError(errorMessage(failure)),
    );

  useEffect(() => {
    // The event and its first page load side by side: one round trip of waiting, not two.
    api.getEvent(eventId).then(setEvent, (failure: unknown) => setEventError(errorMessage(failure)));
    void loadPhotos();
  }, [api, eventId]);

  useEffect(() => {
    if (event) document.title = `${event.name} · Event photos`;
  }, [event]);

  if (eventError) {
    return (
      <>
        <h1>Event not available</h1>
        <p role="alert" class="error">
          {eventError}
        </p>
      </>
    );
  }
  if (!event) return <p class="meta">Loading the event…</p>;

  const mayDelete = (photo: Photo) => event.role === "organizer" || photo.uploadedBy === user.userId;
  const remove = async (photo: Photo) => {
    setDeleting((current) => new Set(current).add(photo.id));
    try {
      await api.deletePhoto(eventId, photo.id);
      setPhotos((current) => current.filter((candidate) => candidate.id !== photo.id));
    } catch (failure) {
      setListError(errorMessage(failure));
    } finally {
      setDeleting((current) => {
        const next = new Set(current);
        next.delete(photo.id);
        return next;
      });
    }
  };
  const dates = formatEventDates(event);

  return (
    <>
      <h1>{event.name}</h1>
      {dates && <p class="meta">{dates}</p>}
      {event.role === "none" ? (
        <p role="status" class="notice">
          You are not registered for this event, so you cannot upload photos to it. Ask its organizer to add your email address.
        </p>
      ) : (
        <UploadPanel api={api} eventId={eventId} concurrency={uploadConcurrency} onReady={(photo) => setPhotos((current) => mergePhotos(current, [photo]))} />
      )}
      <section aria-labelledby="photos-heading">
        <h2 id="photos-heading">Photos</h2>
        {listError && (
          <p role="alert" class="error">
            {listError}
          </p>
        )}
        {!listed && !listError && <p class="meta">Loading photos…</p>}
        {listed && photos.length === 0 && <p class="meta">No photos yet.</p>}
        <PhotoGrid eventId={eventId} photos={photos} mayDelete={mayDelete} deleting={deleting} onDelete={(photo) => void remove(photo)} />
        {cursor && (
          <button type="button" class="quiet wide" onClick={() => void loadPhotos(cursor)}>
            Load more
          </button>
        )}
      </section>
      {event.role === "organizer" && <AttendeesBox api={api} eventId={eventId} />}
      {photoId && (
        <PhotoDialog api={api} eventId={eventId} photoId={photoId} known={photos.find((photo) => photo.id === photoId)} onClose={() => navigate(eventPath(eventId))} />
      )}
    </>
  );
}
