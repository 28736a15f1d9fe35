/**
 * The key scheme: DynamoDB item keys and S3 object keys, built and parsed in one place.
 * Every item of an event shares the partition `EVENT#{eventId}`.
 */
import {
  CONTENT_TYPES,
  contentTypeForExtension,
  EVENT_ID_PATTERN,
  EVENT_ITEM_SORT_KEY,
  KEY_PREFIX,
  TABLE,
  PHOTOS_PREFIX,
  UPLOADS_PREFIX,
  type AcceptedContentType,
  type Variant,
} from "./contract";
import { isPhotoId } from "./photo-id";

export interface ItemKey {
  readonly [TABLE.partitionKey]: string;
  readonly [TABLE.sortKey]: string;
}

export function eventPk(eventId: string): string {
  return `${KEY_PREFIX.event}${eventId}`;
}

/** The event item itself. */
export function eventKey(eventId: string): ItemKey {
  return { pk: eventPk(eventId), sk: EVENT_ITEM_SORT_KEY };
}

export function attendanceKey(eventId: string, userSub: string): ItemKey {
  return { pk: eventPk(eventId), sk: `${KEY_PREFIX.attendee}${userSub}` };
}

/** The user-events index keys an attendance item carries, so a Query by user finds its events. */
export function userEventsIndexKeys(userSub: string, eventId: string) {
  const { partitionKey, sortKey } = TABLE.userEventsIndex;
  return { [partitionKey]: `${KEY_PREFIX.user}${userSub}`, [sortKey]: eventPk(eventId) } as const;
}

export function uploadKey(eventId: string, photoId: string): ItemKey {
  return { pk: eventPk(eventId), sk: `${KEY_PREFIX.upload}${photoId}` };
}

export function photoKey(eventId: string, photoId: string): ItemKey {
  return { pk: eventPk(eventId), sk: `${KEY_PREFIX.photo}${photoId}` };
}

/** `uploads/{eventId}/{photoId}.{ext}`: always derived from the intent, never chosen by a client. */
export function objectKey(eventId: string, photoId: string, contentType: AcceptedContentType): string {
  return `${UPLOADS_PREFIX}${eventId}/${photoId}.${CONTENT_TYPES[contentType].extension}`;
}

/** `photos/{eventId}/{photoId}/{variant}.webp`: a published variant, immutable once written. */
export function variantKey(eventId: string, photoId: string, variant: Variant): string {
  return `${PHOTOS_PREFIX}${eventId}/${photoId}/${variant}.webp`;
}

export interface ParsedObjectKey {
  readonly eventId: string;
  readonly photoId: string;
  /** The type the key's extension stands for. */
  readonly contentType: AcceptedContentType;
}

/** The parts of an object key, or undefined when the key is not one `objectKey` could have made. */
export function parseObjectKey(key: string): ParsedObjectKey | undefined {
  if (!key.startsWith(UPLOADS_PREFIX)) return undefined;
  const match = /^([^/]+)\/([^/.]+)\.([a-z]+)$/.exec(key.slice(UPLOADS_PREFIX.length));
  if (!match) return undefined;
  const [, eventId = "", photoId = "", extension = ""] = match;
  const contentType = contentTypeForExtension(extension);
  if (!contentType || !EVENT_ID_PATTERN.test(eventId) || !isPhotoId(photoId)) return undefined;
  return { eventId, photoId, contentType };
}
