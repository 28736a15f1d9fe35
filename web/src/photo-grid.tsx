/** The grid of thumbnails: each an img whose alt is the photo's title, linking to its larger view. */
import type { Photo } from "../../client/api";
import { onLinkClick } from "./router";
import { eventPath } from "./routes";

export interface PhotoGridProps {
  readonly eventId: string;
  readonly photos: readonly Photo[];
  readonly mayDelete: (photo: Photo) => boolean;
  readonly deleting: ReadonlySet<string>;
  readonly onDelete: (photo: Photo) => void;
}

/** Thumbnails above the fold load at once; the rest when scrolled near (a phone's data plan). */
const EAGER_THUMBNAILS = 8;

export function PhotoGrid({ eventId, photos, mayDelete, deleting, onDelete }: PhotoGridProps) {
  if (photos.length === 0) return null;
  return (
    <ul class="grid" aria-label="Photos">
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <figure>
            <a class="thumb" href={eventPath(eventId, photo.id)} onClick={onLinkClick}>
              <img src={photo.thumbnailUrl} alt={photo.title} loading={index < EAGER_THUMBNAILS ? "eager" : "lazy"} decoding="async" />
            </a>
            <figcaption>
              <strong>{photo.title}</strong>
              {photo.description && <span>{photo.description}</span>}
            </figcaption>
          </figure>
          {mayDelete(photo) && (
            <button type="button" class="danger small" aria-label={`Delete ${photo.title}`} disabled={deleting.has(photo.id)} onClick={() => onDelete(photo)}>
              Delete
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
