/**
 * The HTTP API's routes, by id. API Gateway, the local API server, the OpenAPI description and the
 * client all read this table; which function serves a route is said by that function's trigger.
 */

export interface RouteSpec {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path as API Gateway writes it, with `{name}` for each path parameter. */
  readonly path: string;
}

export const ROUTES = {
  putEvent: { method: "PUT", path: "/events/{eventId}" },
  getEvent: { method: "GET", path: "/events/{eventId}" },
  listMyEvents: { method: "GET", path: "/me/events" },
  registerAttendees: { method: "POST", path: "/events/{eventId}/attendees" },
  listAttendees: { method: "GET", path: "/events/{eventId}/attendees" },
  removeAttendee: { method: "DELETE", path: "/events/{eventId}/attendees/{userId}" },
  initiateUpload: { method: "POST", path: "/events/{eventId}/photos/initiate-upload" },
  listPhotos: { method: "GET", path: "/events/{eventId}/photos" },
  getPhoto: { method: "GET", path: "/events/{eventId}/photos/{photoId}" },
  deletePhoto: { method: "DELETE", path: "/events/{eventId}/photos/{photoId}" },
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof ROUTES;
export const ROUTE_IDS = Object.keys(ROUTES) as RouteId[];

/** API Gateway's route key of a route, e.g. `GET /events/{eventId}/photos`. */
export function routeKey(route: RouteSpec): string {
  return `${route.method} ${route.path}`;
}

/** The path of a route with its parameters filled in and URL-encoded. */
export function routePath(route: RouteSpec, parameters: Readonly<Record<string, string>>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new RangeError(`route ${routeKey(route)} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
