/** The larger view of one photo: its display variant, title, description and when it was taken. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiClient, Photo, PhotoWithStatus } from "../../client/api";
import { formatMoment } from "./dates";
import { errorMessage } from "./messages";

export interface PhotoDialogProps {
  readonly api: ApiClient;
  readonly eventId: string;
  readonly photoId: string;
  /** The photo when the grid already has it; otherwise it is fetched (a deep link). */
  readonly known?: Photo;
  readonly onClose: () => void;
}

export function PhotoDialog({ api, eventId, photoId, known, onClose }: PhotoDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [fetched, setFetched] = useState<PhotoWithStatus>();
  const [error, setError] = useState<string>();
  const photo = known ?? fetched;

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (!known) api.getPhoto(eventId, photoId).then(setFetched, (failure: unknown) => setError(errorMessage(failure)));
  }, [api, eventId, photoId, known]);

  return (
    <dialog ref={dialog} class="viewer" aria-labelledby="viewer-title" onClose={onClose}>
      {photo?.url && <img src={photo.url} alt={photo.title} width={photo.width ?? undefined} height={photo.height ?? undefined} />}
      <div class="viewer-text">
        <h2 id="viewer-title">{photo?.title ?? (error ? "Photo not available" : "Loading…")}</h2>
        {photo?.description && <p>{photo.description}</p>}
        {photo && <p class="meta">{photo.takenAt ? `Taken ${formatMoment(photo.takenAt)}` : `Added ${formatMoment(photo.createdAt)}`}</p>}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="button" class="quiet" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
