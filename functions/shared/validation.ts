/**
 * Request validation: every input shape is a strict zod schema, so unknown fields are rejected where
 * they enter. Failures become an `invalid_request` ApiError with one detail per problem; the
 * failures the contract gives their own status (an unaccepted content type, a size over the limit)
 * get theirs. The same schemas describe the requests in openapi.json (scripts/openapi/).
 */
import { z } from "zod";
import { ACCEPTED_CONTENT_TYPES, EVENT_ID_PATTERN, LIMITS, USER_ID_PATTERN, VISIBILITIES, type AcceptedContentType } from "./contract";
import { ApiError, type ErrorDetail } from "./errors";

/** Length in characters (code points), so an emoji counts once, as a person would count it. */
const characters = (text: string) => [...text].length;

/** A string of 1 to `max` characters after trimming. */
const trimmedText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .refine((text) => characters(text) >= 1, `${field} must not be empty`)
    .refine((text) => characters(text) <= max, `${field} must be at most ${max} characters`)
    .meta({ description: `1 to ${max} characters after trimming` });

export const eventIdSchema = z
  .string({ error: "eventId is required" })
  .regex(EVENT_ID_PATTERN, "eventId must be 1-64 letters, digits, '_' or '-'");

export const photoIdSchema = z.string().meta({ description: "The photo's id (a ULID)" });

export const userIdSchema = z
  .string({ error: "userId is required" })
  .regex(USER_ID_PATTERN, "userId must be a user's id (their Cognito sub)");

/** An ISO 8601 timestamp with a time zone, stored and returned as sent. */
const timestamp = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 timestamp with a time zone, e.g. 2026-06-01T18:00:00Z` });

export const putEventBodySchema = z
  .strictObject(
    {
      name: trimmedText("name", LIMITS.eventNameMaxChars),
      startsAt: timestamp("startsAt").optional(),
      endsAt: timestamp("endsAt").optional(),
      visibility: z
        .enum(VISIBILITIES, { error: `visibility must be one of ${VISIBILITIES.join(", ")}` })
        .default("signed-in")
        .meta({ description: "signed-in: any logged-in user may list the photos; attendees: only attendees" }),
    },
    { error: "the body must be a JSON object with name and optionally startsAt, endsAt and visibility" },
  )
  .refine((event) => !event.startsAt || !event.endsAt || Date.parse(event.endsAt) >= Date.parse(event.startsAt), {
    message: "endsAt must not be before startsAt",
    path: ["endsAt"],
  });

const email = z
  .string({ error: "each email must be a string" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` }));

export const registerAttendeesBodySchema = z.strictObject(
  {
    emails: z
      .array(email, { error: "emails must be a list of email addresses" })
      .min(1, "emails must list at least one address")
      .max(LIMITS.registerMaxEmails, `emails may list at most ${LIMITS.registerMaxEmails} addresses per request`),
  },
  { error: "the body must be a JSON object with emails" },
);

export const initiateUploadBodySchema = z.strictObject(
  {
    title: trimmedText("title", LIMITS.titleMaxChars),
    description: z
      .string({ error: "description must be a string" })
      .refine(
        (description) => characters(description) <= LIMITS.descriptionMaxChars,
        `description must be at most ${LIMITS.descriptionMaxChars} characters`,
      )
      .optional(),
    // Checked after the schema, so an unaccepted type gets its own status (415).
    contentType: z.string({ error: `contentType must be one of ${ACCEPTED_CONTENT_TYPES.join(", ")}` }).meta({ enum: ACCEPTED_CONTENT_TYPES }),
    contentLength: z
      .number({ error: "contentLength must be a number of bytes" })
      .int("contentLength must be a whole number of bytes")
      .min(1, "contentLength must be at least 1 byte")
      .meta({ description: "bytes; at most the stage's upload limit (20 MiB by default)" }),
  },
  { error: "the body must be a JSON object with title, contentType and contentLength" },
);

/** `limit` and `cursor` of every paged list. */
export const pageQuerySchema = z
  .strictObject({
    limit: z
      .string()
      .regex(/^\d{1,3}$/, `limit must be a whole number from 1 to ${LIMITS.listMaxLimit}`)
      .transform(Number)
      .pipe(z.number().min(1, "limit must be at least 1").max(LIMITS.listMaxLimit, `limit must be at most ${LIMITS.listMaxLimit}`))
      .optional()
      .meta({ description: `1 to ${LIMITS.listMaxLimit}, default ${LIMITS.listDefaultLimit}` }),
    cursor: z.string().min(1, "cursor must not be empty").optional().meta({ description: "nextCursor of the previous page, unchanged" }),
  })
  .optional();

export type PutEventRequest = z.output<typeof putEventBodySchema>;
export type RegisterAttendeesRequest = z.output<typeof registerAttendeesBodySchema>;

export interface InitiateUploadRequest {
  readonly title: string;
  readonly description: string;
  readonly contentType: AcceptedContentType;
  readonly contentLength: number;
}

export interface PageQuery {
  readonly limit: number;
  readonly cursor: string | undefined;
}

type PathParameters = Readonly<Record<string, string | undefined>> | undefined;

export function parseEventId(pathParameters: PathParameters): string {
  return parse(eventIdSchema, pathParameters?.eventId, "eventId", "eventId in the path is invalid");
}

export function parseUserId(pathParameters: PathParameters): string {
  return parse(userIdSchema, pathParameters?.userId, "userId", "userId in the path is invalid");
}

export function parsePutEvent(body: unknown): PutEventRequest {
  return parse(putEventBodySchema, body, "body", "the request body is invalid");
}

export function parseRegisterAttendees(body: unknown): RegisterAttendeesRequest {
  const request = parse(registerAttendeesBodySchema, body, "body", "the request body is invalid");
  // The same address twice is one registration.
  return { emails: [...new Set(request.emails)] };
}

/** Validates an initiate-upload body against the contract and the stage's upload limit. */
export function parseInitiateUpload(body: unknown, uploadLimitBytes: number): InitiateUploadRequest {
  const request = parse(initiateUploadBodySchema, body, "body", "the request body is invalid");
  if (!isAccepted(request.contentType)) {
    throw new ApiError(
      "unsupported_media_type",
      `contentType "${request.contentType}" is not accepted; upload one of ${ACCEPTED_CONTENT_TYPES.join(", ")}.`,
      { details: [{ field: "contentType", message: `must be one of ${ACCEPTED_CONTENT_TYPES.join(", ")}` }] },
    );
  }
  if (request.contentLength > uploadLimitBytes) {
    throw new ApiError(
      "too_large",
      `contentLength ${request.contentLength} exceeds the upload limit of ${uploadLimitBytes} bytes; upload a smaller file.`,
      { details: [{ field: "contentLength", message: `must be at most ${uploadLimitBytes}` }] },
    );
  }
  return { ...request, contentType: request.contentType, description: request.description ?? "" };
}

export function parsePageQuery(query: Readonly<Record<string, string | undefined>> | undefined): PageQuery {
  const parsed = parse(pageQuerySchema, query, "query", "the query string is invalid");
  return { limit: parsed?.limit ?? LIMITS.listDefaultLimit, cursor: parsed?.cursor };
}

function isAccepted(contentType: string): contentType is AcceptedContentType {
  return (ACCEPTED_CONTENT_TYPES as readonly string[]).includes(contentType);
}

function parse<T extends z.ZodType>(schema: T, input: unknown, where: string, summary: string): z.output<T> {
  // reportInput lets toDetail tell a missing field from a wrong one.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => toDetail(issue, where));
  throw new ApiError("invalid_request", `${summary}: ${details.map((detail) => `${detail.field}: ${detail.message}`).join("; ")}.`, {
    cause: result.error,
    details,
  });
}

function toDetail(issue: z.core.$ZodIssue, where: string): ErrorDetail {
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : where;
  if (issue.code === "unrecognized_keys") {
    return { field, message: `unknown field(s) ${issue.keys.join(", ")}; remove them` };
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return { field, message: `${field} is required` };
  }
  return { field, message: issue.message };
}
