/**
 * Typed errors of the API. Each subclass fixes the `code` clients see; `http.ts` maps codes to
 * HTTP statuses in one table. Anything that is not an `ApiError` becomes a 500 that reveals nothing.
 */

/** One problem with one field of a request, as listed in an error body's `details`. */
export interface ErrorDetail {
  readonly field: string;
  readonly message: string;
}

export type ApiErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "not_attendee"
  | "not_found"
  | "too_large"
  | "unsupported_media_type";

export abstract class ApiError extends Error {
  abstract readonly code: ApiErrorCode;
  readonly details?: readonly ErrorDetail[];

  constructor(message: string, options?: { cause?: unknown; details?: readonly ErrorDetail[] }) {
    super(message, { cause: options?.cause });
    this.details = options?.details;
  }
}

export class InvalidRequestError extends ApiError {
  override readonly name = "InvalidRequestError";
  readonly code = "invalid_request";
}

export class UnauthorizedError extends ApiError {
  override readonly name = "UnauthorizedError";
  readonly code = "unauthorized";
}

export class NotAttendeeError extends ApiError {
  override readonly name = "NotAttendeeError";
  readonly code = "not_attendee";
}

export class NotFoundError extends ApiError {
  override readonly name = "NotFoundError";
  readonly code = "not_found";
}

export class TooLargeError extends ApiError {
  override readonly name = "TooLargeError";
  readonly code = "too_large";
}

export class UnsupportedMediaTypeError extends ApiError {
  override readonly name = "UnsupportedMediaTypeError";
  readonly code = "unsupported_media_type";
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
