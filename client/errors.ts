/**
 * The client's one error. `kind` says which step failed, so callers (the smoke test, the CLI, the
 * web app) branch on it; an `api` error also carries the HTTP status and the API's error `code`,
 * so callers branch on codes, never on message text.
 */
export type ClientErrorKind =
  /** Cognito refused the credentials, answered a challenge, or could not be reached. */
  | "login"
  /** The API answered with an error status. */
  | "api"
  /** The presigned PUT to S3 failed. */
  | "upload"
  /** The photo stayed pending longer than the caller would wait. */
  | "timeout"
  /** The caller passed something the client cannot send. */
  | "usage";

export class ClientError extends Error {
  override readonly name = "ClientError";
  /** For `api`: the HTTP status; for `upload`: S3's status, when it answered. */
  readonly status?: number;
  /** For `api`: the API's error code (`not_attendee`, ...); for `login`: Cognito's exception name. */
  readonly code?: string;
  /** For `api`: the parsed error body. */
  readonly body?: unknown;

  constructor(
    readonly kind: ClientErrorKind,
    message: string,
    options?: { cause?: unknown; status?: number; code?: string; body?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.status = options?.status;
    this.code = options?.code;
    this.body = options?.body;
  }
}
