/**
 * Who is calling: the claims API Gateway's JWT authorizer verified and handed over as strings.
 * ID and access tokens both carry `sub` and `cognito:groups`; only ID tokens carry `email`.
 */
import type { ApiEvent } from "./http";
import { ApiError } from "./errors";

export interface Caller {
  /** The user's id. */
  readonly sub: string;
  /** The Cognito groups the user belongs to. */
  readonly groups: readonly string[];
  /** The user's email, when the token carries it (ID tokens do). */
  readonly email: string | undefined;
}

export function caller(event: ApiEvent): Caller {
  const claims = event.requestContext?.authorizer?.jwt?.claims ?? {};
  const sub = claims.sub;
  if (typeof sub !== "string" || sub.length === 0) {
    throw new ApiError("unauthorized", "The request carries no verified user; send a valid Cognito ID or access token in the Authorization header.");
  }
  const email = claims.email;
  return { sub, groups: parseGroups(claims["cognito:groups"]), email: typeof email === "string" && email !== "" ? email : undefined };
}

/**
 * API Gateway passes a list claim as `[a b]` (its elements joined by spaces, in brackets); a token
 * decoded elsewhere may give a JSON array or a real one. Group names cannot contain spaces.
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== "string") return [];
  const text = claim.trim();
  if (text.startsWith("[\"")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON after all: read it as API Gateway's format below.
    }
  }
  return text.replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
}
