/** The API's limits and identifier formats. */

export const LIMITS = {
  /** Upload size limit when a stage does not set its own. */
  defaultUploadLimitBytes: 20 * 1024 * 1024,
  /** Uploads one attendee may initiate per event when a stage does not set its own quota. */
  defaultUploadQuota: 500,
  /** Pixel limit (width times height of the stored image) when a stage does not set its own: 100 megapixels. */
  defaultPixelLimit: 100_000_000,
  /** Presigned PUT URLs expire after this many seconds (DESIGN: at most 5 minutes). */
  presignExpiresSeconds: 300,
  /** Upload intents expire (DynamoDB TTL) this long after they are created. */
  uploadIntentTtlSeconds: 24 * 60 * 60,
  titleMaxChars: 200,
  descriptionMaxChars: 2000,
  eventNameMaxChars: 200,
  listDefaultLimit: 20,
  listMaxLimit: 100,
  /** Emails one registration request may carry. */
  registerMaxEmails: 100,
} as const;

export const EVENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A user's id is their Cognito `sub` (a UUID in AWS; cognito-local's look alike). */
export const USER_ID_PATTERN = /^[A-Za-z0-9-]{1,128}$/;
