/** Where data lives: the single table's key schema and item prefixes, and the bucket's key layout. */

/** The single DynamoDB table: string partition and sort keys, and a TTL attribute (epoch seconds). */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAtEpoch",
} as const;

/** Item key prefixes; every item of an event shares the partition `EVENT#{eventId}`. */
export const KEY_PREFIX = {
  event: "EVENT#",
  attendee: "ATTENDEE#",
  upload: "UPLOAD#",
  photo: "PHOTO#",
} as const;

/** Originals are only ever written below this prefix; the S3 notification filters on it. They are never served. */
export const UPLOADS_PREFIX = "uploads/";

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
