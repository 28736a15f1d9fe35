/** The API's JSON shape of a photo (DESIGN section 4), built from stored items in one place. */
import type { Photo, UploadIntent, UploadStatus } from "./photo-store";

export interface PhotoView {
  readonly id: string;
  readonly eventId: string;
  readonly title: string;
  readonly description: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  /** Null until the upload is checked and published. */
  readonly url: string | null;
  readonly uploadedBy: string;
  readonly createdAt: string;
}

export function photoView(photo: Photo): PhotoView {
  return {
    id: photo.photoId,
    eventId: photo.eventId,
    title: photo.title,
    description: photo.description,
    contentType: photo.contentType,
    sizeBytes: photo.sizeBytes,
    url: photo.url,
    uploadedBy: photo.uploadedBy,
    createdAt: photo.createdAt,
  };
}

/** An upload that is not (or not yet) a photo, as its uploader sees it. */
export function intentView(intent: UploadIntent & { readonly status: Exclude<UploadStatus, "ready"> }): PhotoView & { readonly status: UploadStatus } {
  return {
    id: intent.photoId,
    eventId: intent.eventId,
    title: intent.title,
    description: intent.description,
    contentType: intent.contentType,
    sizeBytes: intent.contentLength,
    url: null,
    uploadedBy: intent.uploadedBy,
    createdAt: intent.createdAt,
    status: intent.status,
  };
}
