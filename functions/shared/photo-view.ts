/**
 * The API's JSON shape of a photo (DESIGN section 4), built from stored items in one place. Items
 * hold object keys; URLs are composed here, from the base URL the function is configured with.
 */
import type { Photo, Rejection, UploadIntent, UploadStatus } from "./photo-store";

export interface PhotoView {
  readonly id: string;
  readonly eventId: string;
  readonly title: string;
  readonly description: string;
  /** The original upload's type and size. */
  readonly contentType: string;
  readonly sizeBytes: number;
  /** Of the upright image; null until the upload is checked and published. */
  readonly width: number | null;
  readonly height: number | null;
  /** The display variant; null until published. */
  readonly url: string | null;
  readonly thumbnailUrl: string | null;
  readonly uploadedBy: string;
  readonly createdAt: string;
  readonly takenAt: string | null;
}

export type PhotoStatusView = PhotoView & { readonly status: UploadStatus; readonly rejection?: Rejection };

/** A published photo; `photosBaseUrl` has no trailing slash (config.ts trims it). */
export function photoView(photo: Photo, photosBaseUrl: string): PhotoView {
  return {
    id: photo.photoId,
    eventId: photo.eventId,
    title: photo.title,
    description: photo.description,
    contentType: photo.contentType,
    sizeBytes: photo.sizeBytes,
    width: photo.width,
    height: photo.height,
    url: `${photosBaseUrl}/${photo.variantKeys.display}`,
    thumbnailUrl: `${photosBaseUrl}/${photo.variantKeys.thumb}`,
    uploadedBy: photo.uploadedBy,
    createdAt: photo.createdAt,
    takenAt: photo.takenAt,
  };
}

/** An upload that is not (or not yet) a photo, as its uploader sees it: a rejected one says why. */
export function intentView(intent: UploadIntent & { readonly status: Exclude<UploadStatus, "ready"> }): PhotoStatusView {
  return {
    id: intent.photoId,
    eventId: intent.eventId,
    title: intent.title,
    description: intent.description,
    contentType: intent.contentType,
    sizeBytes: intent.contentLength,
    width: null,
    height: null,
    url: null,
    thumbnailUrl: null,
    uploadedBy: intent.uploadedBy,
    createdAt: intent.createdAt,
    takenAt: null,
    status: intent.status,
    ...(intent.status === "rejected" && intent.rejection && { rejection: { code: intent.rejection.code, message: intent.rejection.message } }),
  };
}
