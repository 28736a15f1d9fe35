/** Where data lives: the single table's key schema and item prefixes, and the bucket's key layout. */

/**
 * The single DynamoDB table: string partition and sort keys, a TTL attribute (epoch seconds), and
 * one global secondary index, "events of a user": attendance items carry `USER#{sub}` and
 * `EVENT#{eventId}` in its keys; it projects keys only.
 */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAtEpoch",
  userEventsIndex: { name: "user-events", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
} as const;

/** Item key prefixes; every item of an event shares the partition `EVENT#{eventId}`. */
export const KEY_PREFIX = {
  event: "EVENT#",
  attendee: "ATTENDEE#",
  upload: "UPLOAD#",
  photo: "PHOTO#",
  user: "USER#",
} as const;

/** The sort key of the event item itself (`EVENT#{eventId}` / `EVENT`). */
export const EVENT_ITEM_SORT_KEY = "EVENT";

/** The Cognito group whose members may create events. */
export const ORGANIZERS_GROUP = "organizers";

/** Who may list and see an event's photos: any signed-in user (the default), or its attendees only. */
export const VISIBILITIES = ["signed-in", "attendees"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Originals are only ever written below this prefix; the S3 notification filters on it. They are never served. */
export const UPLOADS_PREFIX = "uploads/";

/**
 * The request header that makes S3 refuse a PUT to a key that already exists (a conditional write).
 * Every upload URL signs it, initiate-upload tells clients to send it, and the bucket policy denies
 * PUTs under uploads/ without it, so an upload key is written once.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
export const NO_OVERWRITE_HEADER = { name: "If-None-Match", value: "*" } as const;

/** Published, metadata-free variants live below this prefix, the only one the CDN may read. */
export const PHOTOS_PREFIX = "photos/";

/** Published keys never change content (a new upload gets a new id): the CDN, and browsers, may keep them a year. */
export const PHOTO_CACHE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The variants published for every accepted photo (`photos/{eventId}/{photoId}/{variant}.webp`): long side at most `maxSide` pixels, never upscaled. */
export const VARIANTS = {
  display: { maxSide: 2048 },
  thumb: { maxSide: 400 },
} as const;
export type Variant = keyof typeof VARIANTS;

/** Accepted image types and the file extension each gets in its S3 key. */
export const CONTENT_TYPES = {
  "image/jpeg": { extension: "jpg" },
  "image/png": { extension: "png" },
  "image/webp": { extension: "webp" },
} as const;
export type AcceptedContentType = keyof typeof CONTENT_TYPES;
export const ACCEPTED_CONTENT_TYPES = Object.keys(CONTENT_TYPES) as AcceptedContentType[];

/** The accepted type whose key extension is `extension` (e.g. "jpg"), or undefined. */
export function contentTypeForExtension(extension: string): AcceptedContentType | undefined {
  return ACCEPTED_CONTENT_TYPES.find((type) => CONTENT_TYPES[type].extension === extension);
}
