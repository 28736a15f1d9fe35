/**
 * Typed errors of the API: one class, whose `code` is what clients see and branch on; `http.ts`
 * maps each code to its HTTP status in one table. Anything that is not an ApiError becomes a 500
 * that reveals nothing.
 */

/** One problem with one field of a request, as listed in an error body's `details`. */
export interface ErrorDetail {
  readonly field: string;
  readonly message: string;
}

/** The error codes of the API, with the HTTP status each is answered with. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  /** The caller is not registered for the event (nor its organizer). */
  not_attendee: 403,
  /** Only members of the organizers group may create events. */
  not_organizer: 403,
  /** Only the event's own organizer may do this. */
  not_event_organizer: 403,
  /** Only the photo's uploader or the event's organizer may delete it. */
  not_allowed: 403,
  /** The photo does not exist (or is not visible to the caller). */
  not_found: 404,
  event_not_found: 404,
  /** The event's organizer is always one of its attendees. */
  cannot_remove_organizer: 409,
  too_large: 413,
  unsupported_media_type: 415,
  upload_quota_exceeded: 429,
} as const;

export type ApiErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly details?: readonly ErrorDetail[];

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown; details?: readonly ErrorDetail[] },
  ) {
    super(message, { cause: options?.cause });
    this.details = options?.details;
  }
}

/** A missing or malformed environment variable: thrown at cold start so the function never serves. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(
    readonly variable: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
