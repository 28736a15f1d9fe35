/**
 * The local stand-in for CloudFront in front of the photos bucket (DESIGN sections 3 and 6): GET
 * and HEAD of keys under `photos/` only, with no signature, served with the immutable cache header
 * the CDN's year-long TTL stands for. As through CloudFront with origin access control limited to
 * `photos/*`, an original under `uploads/`, a missing key or any other key is S3's 403 AccessDenied
 * (the distribution may not list the bucket, so S3 does not say 404), and any other method is
 * refused. The query string is dropped, as the CDN's cache policy forwards none.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { PHOTOS_PREFIX, PHOTO_CACHE_MAX_AGE_SECONDS } from "../../functions/shared/contract";
import { serveOnLoopback } from "./ports";
import { s3Error, sendS3Error } from "./s3-errors";
import { createUpstream, relay } from "./upstream";

/** Request headers CloudFront passes to the origin for a cached GET: conditional and ranged reads. */
const FORWARDED = ["range", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since"];
const SERVED = new Set([200, 206, 304]);

export interface PhotosFrontProps {
  /** The S3 emulator's endpoint. */
  readonly upstream: string;
  readonly bucket: string;
  /** @default 0 (a free port) */
  readonly port?: number;
}

export interface PhotosFront {
  /** `http://127.0.0.1:PORT`: the photos base URL (`${url}/photos/...`). */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startPhotosFront(props: PhotosFrontProps): Promise<PhotosFront> {
  const upstream = createUpstream(props.upstream);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      request.resume();
      response.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
      response.end("This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.\n");
      return;
    }
    // Dot segments resolved, as the CDN does, so `photos/../uploads/...` is the `uploads/` key it names.
    const { pathname } = new URL(request.url ?? "/", "http://photos.invalid");
    if (!isPhotoKey(pathname)) return sendS3Error(response, method, s3Error(403, "AccessDenied", "Access Denied"));

    const headers = Object.fromEntries(FORWARDED.flatMap((name) => (request.headers[name] === undefined ? [] : [[name, request.headers[name]]])));
    const answer = await upstream.request({ method, path: `/${props.bucket}${pathname}`, headers });
    if (!SERVED.has(answer.statusCode ?? 0)) {
      answer.resume();
      return sendS3Error(response, method, s3Error(403, "AccessDenied", "Access Denied"));
    }
    relay(answer, response, { "cache-control": `public, max-age=${PHOTO_CACHE_MAX_AGE_SECONDS}, immutable` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendS3Error(response, request.method, s3Error(502, "BadGateway", `The local photos front could not read the bucket: ${(error as Error).message}`));
    });
  });
  return serveOnLoopback(server, props.port ?? 0, "stop what holds it, or let the stack pick a free port", () => upstream.close());
}

/** Whether the URL path names a key below `photos/` (a malformed escape names none). */
function isPhotoKey(pathname: string): boolean {
  try {
    const key = decodeURIComponent(pathname.slice(1));
    return key.startsWith(PHOTOS_PREFIX) && key.length > PHOTOS_PREFIX.length;
  } catch {
    return false;
  }
}
