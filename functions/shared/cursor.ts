/**
 * Page cursors of the photo list: opaque base64url text naming the last photo of a page and the event
 * it belongs to. There is no secret to sign with, so a decoded cursor is checked for structure, for
 * belonging to the requested event and for naming a well-formed photo id; anything else is a 400.
 */
import { z } from "zod";
import { ApiError } from "./errors";
import { isPhotoId } from "./photo-id";

const CURSOR_VERSION = 1;

const cursorSchema = z.strictObject({
  v: z.literal(CURSOR_VERSION),
  e: z.string(),
  p: z.string().refine(isPhotoId),
});

export interface PageCursor {
  readonly eventId: string;
  /** The last photo of the previous page; the next page starts after it. */
  readonly afterPhotoId: string;
}

export function encodeCursor(cursor: PageCursor): string {
  const payload: z.infer<typeof cursorSchema> = { v: CURSOR_VERSION, e: cursor.eventId, p: cursor.afterPhotoId };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** Decodes a cursor for `eventId`; throws InvalidRequestError for a tampered or foreign one. */
export function decodeCursor(text: string, eventId: string): PageCursor {
  const invalid = (cause?: unknown) =>
    new ApiError(
      "invalid_request",
      `cursor "${text}" is not a cursor this API returned for event "${eventId}"; pass nextCursor from the previous page unchanged, or omit cursor to start at the newest photo.`,
      { cause, details: [{ field: "cursor", message: "unrecognised cursor" }] },
    );
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch (cause) {
    throw invalid(cause);
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) throw invalid(parsed.error);
  if (parsed.data.e !== eventId) throw invalid();
  return { eventId: parsed.data.e, afterPhotoId: parsed.data.p };
}
