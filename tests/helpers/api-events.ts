/** API Gateway HTTP API (payload v2) events with JWT authorizer claims, as the handlers receive them. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";

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
  const { routeKey, pathParameters, queryStringParameters, body, sub = "attendee-sub" } = options;
  const [method = "GET", path = "/"] = routeKey.split(" ");
  const rawPath = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParameters?.[name] ?? ""));
  const claims: Record<string, string> = sub === null ? {} : { sub, token_use: "access", scope: "openid" };
  return {
    version: "2.0",
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(queryStringParameters).toString(),
    headers: { "content-type": "application/json" },
    queryStringParameters,
    pathParameters,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "local",
      domainName: "localhost",
      domainPrefix: "localhost",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "jest" },
      requestId: "test-request",
      routeKey,
      stage: "$default",
      time: "01/Jan/2026:00:00:00 +0000",
      timeEpoch: 0,
      authorizer: { principalId: "", integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  };
}

export const ROUTE_KEYS = {
  initiateUpload: "POST /events/{eventId}/photos/initiate-upload",
  listPhotos: "GET /events/{eventId}/photos",
  getPhoto: "GET /events/{eventId}/photos/{photoId}",
} as const;

/** A handler response's status and parsed JSON body (typed loosely: tests assert on its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseResponse(response: { statusCode?: number; body?: string }): { status: number; body: any } {
  return { status: response.statusCode ?? 0, body: JSON.parse(response.body ?? "null") };
}
