/**
 * API Gateway HTTP API (payload v2) events with JWT authorizer claims, as the handlers receive them:
 * shaped by the local stack's own event builder, for the contract's routes only.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { routeKey, ROUTES, type Route } from "../../functions/shared/contract";
import { toApiGatewayEvent } from "../../scripts/local/api-gateway-event";

export interface ApiEventOptions {
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  /** A value to send as JSON, or a string sent as it is (for malformed bodies). */
  readonly body?: unknown;
  /** The caller's `sub`; null sends no authorizer claims at all. */
  readonly sub?: string | null;
}

export function apiEvent(options: ApiEventOptions): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { pathParameters = {}, queryStringParameters, body, sub = "attendee-sub" } = options;
  const route = ROUTES.find((candidate) => routeKey(candidate) === options.routeKey);
  if (!route) throw new Error(`"${options.routeKey}" is not a route of the contract; use one of ROUTE_KEYS.`);
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParameters[name] ?? ""));
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
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
      match: { route, routeKey: options.routeKey, pathParameters },
      claims: sub === null ? {} : { sub, token_use: "access", scope: "openid" },
      requestId: "test-request",
      now: new Date(0),
    },
  );
}

function contractRouteKey(handler: Route["handler"]): string {
  const route = ROUTES.find((candidate) => candidate.handler === handler);
  if (!route) throw new Error(`The contract has no route for ${handler}; add it to ROUTES.`);
  return routeKey(route);
}

/** Route keys of the contract, named like FunctionStack's handlers. */
export const ROUTE_KEYS = {
  initiateUpload: contractRouteKey("initiate-upload"),
  listPhotos: contractRouteKey("list-photos"),
  getPhoto: contractRouteKey("get-photo"),
} as const;

/** A handler response's status and parsed JSON body (typed loosely: tests assert on its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseResponse(response: { statusCode?: number; body?: string }): { status: number; body: any } {
  return { status: response.statusCode ?? 0, body: JSON.parse(response.body ?? "null") };
}
