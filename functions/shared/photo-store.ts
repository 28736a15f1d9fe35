/**
 * What the handlers need from storage, independent of DynamoDB, so their logic can be tested
 * without an emulator. `dynamodb-photo-store.ts` implements it.
 *
 * An upload's status is derived rather than stored twice: a photo item means `ready`; without one,
 * the intent's own status (`pending` or `rejected`) applies. Accepting a photo is then one
 * conditional put, which keeps the processor idempotent without a transaction. A photo whose object
 * is overwritten later loses its photo item and its intent is marked rejected.
 */
import type { AcceptedContentType, Variant } from "./contract";

export type UploadStatus = "pending" | "ready" | "rejected";

/**
 * What an intent records: `deleted` is written by DELETE (uploader or organizer) before anything is
 * removed, so a processor that accepts the upload at the same moment sees it and withdraws again.
 */
export type IntentStatus = Exclude<UploadStatus, "ready"> | "deleted";

/** Why the processor refused an upload (DESIGN section 5), for its uploader. */
export type RejectionCode = "no_intent" | "size_mismatch" | "type_mismatch" | "corrupt_image" | "too_many_pixels" | "overwritten" | "expired";

export interface Rejection {
  readonly code: RejectionCode;
  /** What went wrong and what to do about it, for a person. */
  readonly message: string;
}

/** What an upload intent and the photo it becomes both record. */
export interface PhotoDetails {
  readonly eventId: string;
  readonly photoId: string;
  readonly objectKey: string;
  readonly title: string;
  readonly description: string;
  readonly contentType: AcceptedContentType;
  readonly uploadedBy: string;
  readonly createdAt: string;
}

/** What an attendee declared when asking to upload; expires (TTL) if nothing arrives. */
export interface UploadIntent extends PhotoDetails {
  readonly contentLength: number;
  readonly status: IntentStatus;
  /** Epoch seconds; the table's TTL attribute. */
  readonly expiresAtEpoch: number;
  /** Set when the status is `rejected`. */
  readonly rejection?: Rejection;
}

/**
 * A checked, listable photo. It stores object keys, never URLs: URLs are composed when read, so a
 * new CDN domain or a restarted local stack breaks none. `objectKey` is the private original.
 */
export interface Photo extends PhotoDetails {
  /** The original upload's size. */
  readonly sizeBytes: number;
  /** The published WebP of each variant, under `photos/`. */
  readonly variantKeys: Readonly<Record<Variant, string>>;
  /** Of the upright image (after EXIF orientation). */
  readonly width: number;
  readonly height: number;
  /** The camera's capture time (EXIF DateTimeOriginal) as ISO 8601, or null when the image has none. */
  readonly takenAt: string | null;
  /** ETag of the accepted object; another one under the same key means it was overwritten since. */
  readonly etag: string;
}

/** Both items of one upload, read together. */
export interface UploadRecord {
  readonly intent: UploadIntent | undefined;
  readonly photo: Photo | undefined;
}

export interface PhotoPage {
  readonly photos: readonly Photo[];
  /** Whether photos older than the last one of this page exist. */
  readonly hasMore: boolean;
}

export interface PhotoStore {
  /** Stores a new intent; its photo id must be fresh. */
  createIntent(intent: UploadIntent): Promise<void>;
  getUpload(eventId: string, photoId: string): Promise<UploadRecord>;
  /** Creates the photo unless it exists; false means another notification already created it. */
  createPhoto(photo: Photo): Promise<boolean>;
  /**
   * Marks a pending intent rejected; an intent that is gone or already rejected is left as it is.
   * (An accepted photo's intent stays pending: the photo item alone makes it ready.)
   */
  rejectIntent(eventId: string, photoId: string, rejection: Rejection): Promise<void>;
  /** Deletes the photo if it still records `etag`; a photo already gone, or accepted anew, is left. */
  deletePhoto(eventId: string, photoId: string, etag: string): Promise<void>;
  /**
   * Marks the upload deleted (creating a tombstone intent when the intent has expired), so no
   * processor run publishes it again; the tombstone expires through the TTL at `expiresAtEpoch`.
   */
  markDeleted(eventId: string, photoId: string, expiresAtEpoch: number): Promise<void>;
  /** Removes the photo item, whatever it records. */
  removePhoto(eventId: string, photoId: string): Promise<void>;
  /** Photos of an event, newest first, starting after `afterPhotoId` when given. */
  listPhotos(eventId: string, limit: number, afterPhotoId?: string): Promise<PhotoPage>;
}
