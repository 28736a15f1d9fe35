/** Matches requests against the HTTP API's route table the way API Gateway does: exact method, one segment per `{param}`. */
import { routeKey, type RouteId, type RouteSpec } from "../../functions/shared/contract";

export interface RouteMatch {
  readonly routeId: RouteId;
  /** API Gateway's routeKey, e.g. `GET /events/{eventId}/photos`. */
  readonly routeKey: string;
  /** URL-decoded path parameters by name. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

export type RouteMatcher = (method: string, rawPath: string) => RouteMatch | undefined;

export function createRouteMatcher(routes: Readonly<Record<RouteId, RouteSpec>>): RouteMatcher {
  const compiled = (Object.keys(routes) as RouteId[]).map((routeId) => ({ routeId, route: routes[routeId], segments: routes[routeId].path.split("/") }));
  return (method, rawPath) => {
    const requestSegments = rawPath.split("/");
    for (const { routeId, route, segments } of compiled) {
      if (route.method !== method || segments.length !== requestSegments.length) continue;
      const pathParameters = matchSegments(segments, requestSegments);
      if (pathParameters) return { routeId, routeKey: routeKey(route), pathParameters };
    }
    return undefined;
  };
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of pattern.entries()) {
    const value = actual[index] ?? "";
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== value) return undefined;
    } else {
      if (value === "") return undefined;
      parameters[name] = safeDecode(value);
    }
  }
  return parameters;
}

/** API Gateway hands handlers decoded path parameters; a malformed escape is passed through as sent. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
