/** The app's two pages, from the path: `/` (my events) and `/events/{eventId}` (one event, optionally one photo of it). */
import { EVENT_ID_PATTERN } from "../../functions/shared/contract";

export type Route =
  | { readonly page: "events" }
  | { readonly page: "event"; readonly eventId: string; readonly photoId?: string }
  | { readonly page: "not-found" };

export function parseRoute(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { page: "events" };
  const match = /^\/events\/([^/]+)(?:\/photos\/([^/]+))?\/?$/.exec(pathname);
  const eventId = match?.[1] && safeDecode(match[1]);
  if (!eventId || !EVENT_ID_PATTERN.test(eventId)) return { page: "not-found" };
  const photoId = match?.[2] && safeDecode(match[2]);
  return photoId ? { page: "event", eventId, photoId } : { page: "event", eventId };
}

export function eventPath(eventId: string, photoId?: string): string {
  return `/events/${encodeURIComponent(eventId)}${photoId ? `/photos/${encodeURIComponent(photoId)}` : ""}`;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
