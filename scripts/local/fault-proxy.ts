/**
 * An HTTP proxy standing for the network between the functions and S3 or DynamoDB. A policy decides
 * the fate of each request: passed on (after a delay, for a latency model), answered with the
 * service's own error (S3's XML, DynamoDB's JSON, so the SDK classifies it as it would in AWS), or
 * cut by a connection reset, either before the service sees the request or after it has handled
 * it (the write happened, the answer is lost: the case that idempotent code must survive). Otherwise
 * it is transparent: the client's `Host` header goes on unchanged, so a SigV4 signature over it
 * still holds at the S3 front behind.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { serveOnLoopback, type LoopbackService } from "./ports";
import { s3Error, sendS3Error } from "./s3-errors";
import { createUpstream, readAll, relay } from "./upstream";

export type ProxiedService = "s3" | "dynamodb";

/** An error answer as the service sends it: the HTTP status, the code the SDK branches on, the message. */
export interface ServiceError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export type RequestFate =
  /** Passed on to the service. */
  | { readonly kind: "forward"; readonly delayMs?: number }
  /** Answered with `error`; the service never sees the request. */
  | { readonly kind: "error"; readonly error: ServiceError; readonly delayMs?: number }
  /** The connection is reset (TCP RST) before the request reaches the service, or once the service has answered it. */
  | { readonly kind: "reset"; readonly when: "before-upstream" | "after-upstream"; readonly delayMs?: number };

/** What a policy sees of a request: enough to target a service, an operation or a key. */
export interface ProxiedRequest {
  readonly service: ProxiedService;
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** Decides each request's fate; `delayMs` on any fate holds the request that long first. */
export type RequestPolicy = (request: ProxiedRequest) => RequestFate;

export interface FaultProxyProps {
  /** The endpoint behind the proxy. */
  readonly upstream: string;
  /** Which service the upstream is: error answers take its format. */
  readonly service: ProxiedService;
  readonly policy: RequestPolicy;
  /** @default 0 (a free port) */
  readonly port?: number;
}

export async function startFaultProxy(props: FaultProxyProps): Promise<LoopbackService> {
  const upstream = createUpstream(props.upstream, { keepHost: true });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const path = request.url ?? "/";
    // The whole request first: a reset "before the service" must leave nothing of it upstream.
    const body = await readAll(request);
    const fate = props.policy({ service: props.service, method, path, headers: request.headers });
    if (fate.delayMs) await new Promise((resolve) => setTimeout(resolve, fate.delayMs));
    switch (fate.kind) {
      case "error":
        return sendServiceError(props.service, response, method, fate.error);
      case "reset":
        if (fate.when === "after-upstream") await readAll(await upstream.request({ method, path, headers: request.headers, body }));
        request.socket.resetAndDestroy();
        return;
      case "forward":
        return relay(await upstream.request({ method, path, headers: request.headers, body }), response);
    }
  }

  const server = createServer((request, response) => {
    // The upstream failing is, to the client, the network failing: the connection drops.
    handle(request, response).catch(() => request.socket.resetAndDestroy());
  });
  return serveOnLoopback(server, props.port ?? 0, "let the stack pick a free port", () => upstream.close());
}

function sendServiceError(service: ProxiedService, response: ServerResponse, method: string, error: ServiceError): void {
  if (service === "s3") return sendS3Error(response, method, s3Error(error.status, error.code, error.message));
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.Components
  const body = Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${error.code}`, message: error.message }));
  response.writeHead(error.status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": String(body.length),
    "x-amzn-requestid": randomBytes(24).toString("hex").toUpperCase(),
  });
  response.end(body);
}
