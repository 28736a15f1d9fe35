/**
 * Request validation: every input shape is a strict zod schema, so unknown fields are rejected where
 * they enter. Failures become InvalidRequestError with one detail per problem; the two failures the
 * contract gives their own status (an unaccepted content type, a size over the limit) get theirs.
 */
import { z } from "zod";
import { ACCEPTED_CONTENT_TYPES, EVENT_ID_PATTERN, LIMITS, type AcceptedContentType } from "./contract";
import { ApiError, type ErrorDetail } from "./errors";

/** Length in characters (code points), so an emoji counts once, as a person would count it. */
const characters = (text: string) => [...text].length;

const eventIdSchema = z
  .string({ error: "eventId is required" })
  .regex(EVENT_ID_PATTERN, "eventId must be 1-64 letters, digits, '_' or '-'");

const initiateUploadSchema = z.strictObject(
  {
  title: z
    .string({ error: "title must be a string" })
    .trim()
    .refine((title) => characters(title) >= 1, "title must not be empty")
    .refine((title) => characters(title) <= LIMITS.titleMaxChars, `title must be at most ${LIMITS.titleMaxChars} characters`),
  description: z
    .string({ error: "description must be a string" })
    .refine(
      (description) => characters(description) <= LIMITS.descriptionMaxChars,
      `description must be at most ${LIMITS.descriptionMaxChars} characters`,
    )
    .optional(),
  contentType: z.string({ error: `contentType must be one of ${ACCEPTED_CONTENT_TYPES.join(", ")}` }),
  contentLength: z
    .number({ error: "contentLength must be a number of bytes" })
    .int("contentLength must be a whole number of bytes")
    .min(1, "contentLength must be at least 1 byte"),
  },
  { error: "the body must be a JSON object with title, contentType and contentLength" },
);

const listQuerySchema = z
  .strictObject({
    limit: z
      .string()
      .regex(/^\d{1,3}$/, `limit must be a whole number from 1 to ${LIMITS.listMaxLimit}`)
      .transform(Number)
      .pipe(z.number().min(1, "limit must be at least 1").max(LIMITS.listMaxLimit, `limit must be at most ${LIMITS.listMaxLimit}`))
      .optional(),
    cursor: z.string().min(1, "cursor must not be empty").optional(),
  })
  .optional();

export interface InitiateUploadRequest {
  readonly title: string;
  readonly description: string;
  readonly contentType: AcceptedContentType;
  readonly contentLength: number;
}

export interface ListPhotosQuery {
  readonly limit: number;
  readonly cursor: string | undefined;
}

export function parseEventId(pathParameters: Readonly<Record<string, string | undefined>> | undefined): string {
  return parse(eventIdSchema, pathParameters?.eventId, "eventId", "eventId in the path is invalid");
}

/** Validates an initiate-upload body against the contract and the stage's upload limit. */
export function parseInitiateUpload(body: unknown, uploadLimitBytes: number): InitiateUploadRequest {
  const request = parse(initiateUploadSchema, body, "body", "the request body is invalid");
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

export function parseListQuery(query: Readonly<Record<string, string | undefined>> | undefined): ListPhotosQuery {
  const parsed = parse(listQuerySchema, query, "query", "the query string is invalid");
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
