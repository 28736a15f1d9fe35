/**
 * Page cursors: opaque base64url text naming the last item of a page, the list it belongs to
 * (photos, attendees or a user's events) and that list's scope (the event, or the user). There is
 * no secret to sign with, so a decoded cursor is checked for structure, for belonging to the
 * requested list and scope, and for naming a well-formed key; anything else is a 400.
 */
import { z } from "zod";
import { ApiError } from "./errors";

const CURSOR_VERSION = 1;

const cursorSchema = z.strictObject({
  v: z.literal(CURSOR_VERSION),
  k: z.string(),
  s: z.string(),
  a: z.string(),
});

export interface CursorCodec {
  /** The cursor after `after` (the page's last key) in the list of `scope`. */
  encode(scope: string, after: string): string;
  /** The key a cursor of this list and scope names; throws `invalid_request` for a tampered or foreign one. */
  decode(text: string, scope: string): string;
}

/** A codec for one list: `kind` names it in the cursor, `isKey` checks the key a cursor names. */
export function cursorCodec(kind: string, isKey: (after: string) => boolean): CursorCodec {
  return {
    encode(scope, after) {
      const payload: z.infer<typeof cursorSchema> = { v: CURSOR_VERSION, k: kind, s: scope, a: after };
      return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
    },
    decode(text, scope) {
      const invalid = (cause?: unknown) =>
        new ApiError(
          "invalid_request",
          `cursor "${text}" is not a cursor this API returned for this list; pass nextCursor from the previous page unchanged, or omit cursor to start at the first page.`,
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
      if (parsed.data.k !== kind || parsed.data.s !== scope || !isKey(parsed.data.a)) throw invalid();
      return parsed.data.a;
    },
  };
}
