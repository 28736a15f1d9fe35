/**
 * The local stack's S3 endpoint (DESIGN section 6): an HTTP server between clients and s3rver,
 * which verifies no signatures. Every request is checked as S3 checks it before anything reaches
 * the emulator: a SigV4 signature by a known key (sigv4-verifier.ts), in the URL (presigned) or the
 * Authorization header (SDK calls); a body that hashes to the signed SHA-256; a length on every
 * PUT; and `If-None-Match: *`, which refuses a PUT to a key that exists. Refusals are S3's XML
 * errors. CORS preflights pass to s3rver, which answers them from the bucket's CORS rules.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { bucketCorsRules } from "../../functions/shared/contract";
import { splitOnce } from "./api-server";
import { serveOnLoopback } from "./ports";
import { s3Error, sendS3Error, type S3ErrorReply } from "./s3-errors";
import { createSigV4Verifier, type KeyPair } from "./sigv4-verifier";
import { createUpstream, readAll, relay } from "./upstream";

export interface S3FrontProps {
  /** The S3 emulator's endpoint. */
  readonly upstream: string;
  readonly region: string;
  /** The key pairs requests may be signed with. */
  readonly credentials: readonly KeyPair[];
  /** Origins of the bucket's CORS rules: the front's own refusals carry CORS headers for them, as S3's do. */
  readonly allowedOrigins: readonly string[];
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default 0 (a free port) */
  readonly port?: number;
}

export interface S3Front {
  /** `http://127.0.0.1:PORT`: the S3 endpoint clients use, and presigned URLs name. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startS3Front(props: S3FrontProps): Promise<S3Front> {
  const verify = createSigV4Verifier({ region: props.region, credentials: props.credentials, now: props.now });
  const upstream = createUpstream(props.upstream);
  const corsRules = bucketCorsRules(props.allowedOrigins);
  /** Keys with a conditional PUT in flight: S3 refuses a second one until the first is done. */
  const conditionalWrites = new Set<string>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const url = request.url ?? "/";
    const refuse = async (error: S3ErrorReply) => {
      // Read the body first: a client still sending it would otherwise see a reset, not the error.
      request.resume();
      if (!request.readableEnded) await new Promise((resolve) => request.once("end", resolve).once("close", resolve));
      sendS3Error(response, method, error, corsHeaders(request, corsRules));
    };
    if (method === "OPTIONS") return relay(await upstream.request({ method, path: url, headers: request.headers }), response);

    // S3 reads the request before it authenticates it: a PUT must say its length.
    if (method === "PUT" && request.headers["content-length"] === undefined) {
      return refuse(s3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header."));
    }
    const [path = "/", rawQuery = ""] = splitOnce(url, "?");
    const query = parseQuery(rawQuery);
    if (!query) return refuse(s3Error(400, "InvalidArgument", "The query string is not percent-encoded correctly"));
    const verdict = await verify({ method, path, query, headers: request.headers });
    if (verdict.kind === "anonymous") return refuse(s3Error(403, "AccessDenied", "Access Denied"));
    if (verdict.kind === "refused") return refuse(verdict.error);

    const headers = { ...request.headers };
    const conditional = method === "PUT" && headers["if-none-match"] !== undefined;
    if (conditional) {
      if (headers["if-none-match"] !== "*") {
        return refuse(s3Error(501, "NotImplemented", "A header you provided implies functionality that is not implemented", { Header: "If-None-Match" }));
      }
      if (conditionalWrites.has(path)) {
        return refuse(s3Error(409, "ConditionalRequestConflict", "A conflicting conditional operation is currently in progress against this resource. Please try again."));
      }
      conditionalWrites.add(path);
      delete headers["if-none-match"];
    }
    try {
      if (conditional) {
        const existing = await upstream.request({ method: "HEAD", path, headers: {} });
        existing.resume();
        if (existing.statusCode === 200) {
          return await refuse(s3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", { Condition: "If-None-Match" }));
        }
      }
      // The whole body first, as S3 stores nothing of a request cut short; s3rver would keep the part it got.
      const body = await readAll(request);
      if (verdict.payloadHash !== "UNSIGNED-PAYLOAD") {
        const computed = createHash("sha256").update(body).digest("hex");
        if (computed !== verdict.payloadHash) {
          return await refuse(
            s3Error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", {
              ClientComputedContentSHA256: verdict.payloadHash,
              S3ComputedContentSHA256: computed,
            }),
          );
        }
      }
      const answer = await upstream.request({ method, path: url, headers, body });
      relay(answer, response);
      await new Promise((resolve) => response.once("close", resolve));
    } finally {
      if (conditional) conditionalWrites.delete(path);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendS3Error(response, request.method, s3Error(500, "InternalError", `The local S3 front failed: ${(error as Error).message}`));
    });
  });
  return serveOnLoopback(server, props.port ?? 0, "stop what holds it, or let the stack pick a free port", () => upstream.close());
}

/** CORS headers S3 adds when a bucket rule allows the request's origin and method. */
function corsHeaders(request: IncomingMessage, rules: ReturnType<typeof bucketCorsRules>): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin) return {};
  const rule = rules.find((candidate) => candidate.allowedMethods.includes(request.method ?? "") && (candidate.allowedOrigins.includes("*") || candidate.allowedOrigins.includes(origin)));
  if (!rule) return {};
  return {
    "access-control-allow-origin": rule.allowedOrigins.includes("*") ? "*" : origin,
    "access-control-allow-methods": rule.allowedMethods.join(", "),
    "access-control-expose-headers": rule.exposeHeaders.join(", "),
    "access-control-max-age": String(rule.maxAgeSeconds),
    vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
  };
}

/** The query's parameters, percent-decoded (`+` stays a plus, as S3 reads it); undefined when an escape is malformed. */
function parseQuery(raw: string): Record<string, string | string[]> | undefined {
  const query: Record<string, string | string[]> = {};
  try {
    for (const pair of raw.split("&").filter(Boolean)) {
      const [name = "", value = ""] = splitOnce(pair, "=").map(decodeURIComponent);
      const previous = query[name];
      query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
  } catch {
    return undefined;
  }
  return query;
}
