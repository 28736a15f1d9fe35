/**
 * API Gateway HTTP API (payload v2) events with JWT authorizer claims, as the handlers receive them:
 * shaped by the local stack's own event builder, for the contract's routes only.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { ROUTES, routeKey, routePath, type RouteId } from "../../functions/shared/contract";
import { toApiGatewayEvent } from "../../scripts/local/api-gateway-event";

export interface ApiEventOptions {
  readonly route: RouteId;
  readonly pathParameters?: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  /** A value to send as JSON, or a string sent as it is (for malformed bodies). */
  readonly body?: unknown;
  /** The caller's `sub`; null sends no authorizer claims at all. */
  readonly sub?: string | null;
  /** Further claims, e.g. `cognito:groups`. */
  readonly claims?: Record<string, unknown>;
}

export function apiEvent(options: ApiEventOptions): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { pathParameters = {}, queryStringParameters, body, sub = "attendee-sub" } = options;
  const route = ROUTES[options.route];
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  // A path parameter left out is sent empty, as a test of a missing one needs.
  const rawPath = routePath(route, Object.fromEntries(route.path.match(/\{\w+\}/g)?.map((name) => [name.slice(1, -1), pathParameters[name.slice(1, -1)] ?? ""]) ?? []));
  return toApiGatewayEvent(
    {
      method: route.method,
      rawPath,
      rawQueryString: new URLSearchParams(queryStringParameters).toString(),
      headers: { "content-type": "application/json" },
      body: Buffer.from(text, "utf8"),
      sourceIp: "127.0.0.1",
    },
    {
      match: { routeId: options.route, routeKey: routeKey(route), pathParameters },
      claims: sub === null ? {} : { sub, token_use: "access", scope: "openid", ...options.claims },
      requestId: "test-request",
      now: new Date(0),
    },
  );
}

/** A handler response's status and parsed JSON body (typed loosely: tests assert on its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseResponse(response: { statusCode?: number; body?: string }): { status: number; body: any } {
  return { status: response.statusCode ?? 0, body: JSON.parse(response.body ?? "null") };
}
