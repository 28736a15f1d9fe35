/**
 * Shapes an HTTP request into the API Gateway HTTP API payload (format 2.0) a JWT-authorized route
 * hands its Lambda, so the handlers run locally on the very event shape they get in AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import type { JwtClaims } from "./jwt-authorizer";
import type { RouteMatch } from "./route-table";

export interface LocalHttpRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Header values by name as Node parses them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
}

export interface EventContext {
  readonly match: RouteMatch;
  readonly claims: JwtClaims;
  readonly requestId: string;
  readonly now: Date;
}

// API Gateway passes textual bodies as they are and base64-encodes everything else.
const TEXT_CONTENT_TYPE = /^(text\/|application\/(json|[\w.+-]+\+json|xml|javascript|x-www-form-urlencoded)\b)/i;

export function toApiGatewayEvent(request: LocalHttpRequest, context: EventContext): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers = lowerCaseHeaders(request.headers);
  const queryStringParameters = parseQueryString(request.rawQueryString);
  const contentType = headers["content-type"];
  const isBase64Encoded = contentType !== undefined && !TEXT_CONTENT_TYPE.test(contentType);
  const host = headers.host ?? "127.0.0.1";
  return {
    version: "2.0",
    routeKey: context.match.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    pathParameters: { ...context.match.pathParameters },
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: host,
      domainPrefix: host.split(".")[0] ?? host,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: context.requestId,
      routeKey: context.match.routeKey,
      stage: "$default",
      time: context.now.toISOString(),
      timeEpoch: context.now.getTime(),
      authorizer: {
        principalId: "",
        integrationLatency: 0,
        jwt: { claims: stringifyClaims(context.claims), scopes: scopesOf(context.claims) },
      },
    },
    ...(request.body.length > 0 && {
      body: isBase64Encoded ? request.body.toString("base64") : request.body.toString("utf8"),
    }),
    isBase64Encoded,
  };
}

/** Lower-cased names; repeated headers joined with commas, as API Gateway does. */
function lowerCaseHeaders(headers: LocalHttpRequest["headers"]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return result;
}

/** Decoded parameters, repeated ones joined with commas; undefined when there are none (API Gateway omits the field). */
export function parseQueryString(rawQueryString: string): Record<string, string> | undefined {
  const parameters = new URLSearchParams(rawQueryString);
  const result: Record<string, string> = {};
  for (const name of new Set(parameters.keys())) result[name] = parameters.getAll(name).join(",");
  return Object.keys(result).length > 0 ? result : undefined;
}

/** API Gateway hands claims over as strings: numbers and booleans printed, arrays as `[a b]`. */
export function stringifyClaims(claims: JwtClaims): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (typeof value === "string") result[name] = value;
    else if (Array.isArray(value)) result[name] = `[${value.join(" ")}]`;
    else if (typeof value === "object" && value !== null) result[name] = JSON.stringify(value);
    else result[name] = String(value);
  }
  return result;
}

function scopesOf(claims: JwtClaims): string[] {
  return typeof claims.scope === "string" ? claims.scope.split(" ").filter(Boolean) : [];
}
