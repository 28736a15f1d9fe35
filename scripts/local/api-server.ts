/**
 * The local stand-in for the HTTP API: routes exactly the contract's route table, answers CORS
 * preflight, checks the JWT like the authorizer, and invokes the route's handler with a v2 event.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { routeHandler, type FunctionName, type RouteId, type RouteSpec, type apiCors } from "../../functions/shared/contract";
import { toApiGatewayEvent } from "./api-gateway-event";
import type { JwtAuthorizer } from "./jwt-authorizer";
import { LAMBDA_INVOKE_PATH_PREFIX, type LambdaInvokeRequest } from "./lambda-invoke-api";
import { serveOnLoopback } from "./ports";
import { createRouteMatcher } from "./route-table";

/** API Gateway's own payload limit for HTTP APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** What to do when the API port is taken; `npm start` reads the port from PORT. */
export const API_PORT_IN_USE_FIX = "stop what holds it or set PORT to a free port";

export type InvokeFunction = (name: FunctionName, event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<unknown>;

export interface ApiServerProps {
  /** 0 picks a free port. */
  readonly port: number;
  readonly routes: Readonly<Record<RouteId, RouteSpec>>;
  readonly cors: ReturnType<typeof apiCors>;
  readonly authorizer: JwtAuthorizer;
  readonly invoke: InvokeFunction;
  /** Where refused tokens and failed invocations are reported. */
  readonly log: (line: string) => void;
  /** The OpenAPI description, served without a token at GET /openapi.json. @default not served */
  readonly openApiDocument?: string;
  /** Lambda's Invoke API (lambda-invoke-api.ts), for requests under its path. @default not served */
  readonly lambdaInvoke?: (request: LambdaInvokeRequest) => Reply;
}

export interface ApiServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** An answer of the server, to a route or to the Lambda API. */
export interface Reply {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export async function startApiServer(props: ApiServerProps): Promise<ApiServer> {
  const matchRoute = createRouteMatcher(props.routes);

  async function answer(request: IncomingMessage): Promise<Reply> {
    const method = request.method ?? "GET";
    const [rawPath = "/", rawQueryString = ""] = splitOnce(request.url ?? "/", "?");
    // Lambda's own path, which no route of the HTTP API can take (they start with a resource name).
    if (props.lambdaInvoke && rawPath.startsWith(LAMBDA_INVOKE_PATH_PREFIX)) {
      const body = await readBody(request);
      if (!body) return json(413, { message: "Request Entity Too Large" });
      return props.lambdaInvoke({ method, path: rawPath, headers: request.headers, body });
    }
    if (method === "OPTIONS" && request.headers["access-control-request-method"]) return preflight(request, props.cors);
    if (method === "GET" && rawPath === "/openapi.json" && props.openApiDocument !== undefined) {
      return { statusCode: 200, headers: { "content-type": "application/json" }, body: Buffer.from(props.openApiDocument) };
    }

    const match = matchRoute(method, rawPath);
    if (!match) return json(404, { message: "Not Found" });

    let claims;
    try {
      claims = await props.authorizer.authorize(request.headers.authorization);
    } catch (error) {
      props.log(`401 ${method} ${rawPath}: ${(error as Error).message}`);
      return json(401, { message: "Unauthorized" });
    }

    const body = await readBody(request);
    if (!body) return json(413, { message: "Request Entity Too Large" });
    const event = toApiGatewayEvent(
      { method, rawPath, rawQueryString, headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? "127.0.0.1" },
      { match, claims, requestId: randomUUID(), now: new Date() },
    );
    const handler = routeHandler(match.routeId);
    try {
      return fromHandlerResult(await props.invoke(handler, event));
    } catch (error) {
      // Lambda reports an unhandled error to API Gateway, which answers 500 without details.
      props.log(`500 ${match.routeKey}: handler ${handler} threw: ${(error as Error).stack ?? String(error)}`);
      return json(500, { message: "Internal Server Error" });
    }
  }

  const server = createServer((request, response) => {
    answer(request)
      .catch((error: unknown) => {
        props.log(`500 ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}`);
        return json(500, { message: "Internal Server Error" });
      })
      .then((reply) => send(response, reply, corsHeaders(request, props.cors)));
  });
  return serveOnLoopback(server, props.port, API_PORT_IN_USE_FIX);
}

/** Maps a Lambda result to a response as API Gateway's 2.0 payload format does (a bare value is a 200 JSON body). */
function fromHandlerResult(result: unknown): Reply {
  if (typeof result !== "object" || result === null || !("statusCode" in result)) {
    return { statusCode: 200, headers: { "content-type": "application/json" }, body: Buffer.from(typeof result === "string" ? result : JSON.stringify(result)) };
  }
  const { statusCode, headers, body, isBase64Encoded } = result as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    body?: string;
    isBase64Encoded?: boolean;
  };
  const replyHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) replyHeaders[name.toLowerCase()] = String(value);
  return { statusCode, headers: replyHeaders, body: Buffer.from(body ?? "", isBase64Encoded ? "base64" : "utf8") };
}

function json(statusCode: number, value: unknown): Reply {
  return { statusCode, headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(value)) };
}

function preflight(request: IncomingMessage, cors: ReturnType<typeof apiCors>): Reply {
  const headers: Record<string, string> = allowedOrigin(request, cors)
    ? {
        "access-control-allow-methods": cors.allowMethods.join(","),
        "access-control-allow-headers": cors.allowHeaders.join(","),
        "access-control-max-age": String(cors.maxAgeSeconds),
      }
    : {};
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
}

/** The CORS headers every answer to an allowed origin carries. */
function corsHeaders(request: IncomingMessage, cors: ReturnType<typeof apiCors>): Record<string, string> {
  const origin = allowedOrigin(request, cors);
  return origin ? { "access-control-allow-origin": origin, vary: "origin" } : {};
}

function allowedOrigin(request: IncomingMessage, cors: ReturnType<typeof apiCors>): string | undefined {
  const origin = request.headers.origin;
  if (!origin) return undefined;
  if (cors.allowOrigins.includes("*")) return "*";
  return cors.allowOrigins.includes(origin) ? origin : undefined;
}

/** The whole body, or undefined when it exceeds API Gateway's limit. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, reply: Reply, cors: Record<string, string>): void {
  response.writeHead(reply.statusCode, { ...reply.headers, ...cors, "content-length": String(reply.body.length) });
  response.end(reply.body);
}

/** `value` split at the first `separator`; the second part is "" when there is none. */
export function splitOnce(value: string, separator: string): [string, string] {
  const index = value.indexOf(separator);
  return index < 0 ? [value, ""] : [value.slice(0, index), value.slice(index + 1)];
}
