/**
 * The local stand-in for the app's CloudFront distribution: serves the built app (dist/web) with
 * the manifest's content types and cache policies, config.json made from the running stack, the
 * security headers production sends (contract/web.ts) and the same SPA fallback, by running the
 * very CloudFront Function code the stacks deploy.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SPA_FALLBACK_FUNCTION, WEB_CONFIG_FILE, webSecurityHeaders, type WebConfig } from "../../functions/shared/contract";
import { CACHE_CONTROL, type WebManifest } from "../../packaging/web-manifest";
import { listenOnLoopback } from "./ports";

export interface WebServerProps {
  /** The directory the manifest's paths are relative to (dist/web/files). */
  readonly filesDir: string;
  readonly manifest: WebManifest;
  /** 0 picks a free port. */
  readonly port: number;
}

/** What the app needs from the running stack; known only once the other servers are up. */
export interface WebRuntime {
  readonly config: WebConfig;
  readonly contentSecurityPolicy: string;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT`: the app's origin, which the API's and the bucket's CORS allow. */
  readonly url: string;
  /** Starts answering with the app; until then every request gets 503. */
  serve(runtime: WebRuntime): void;
  stop(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

type ViewerRequestHandler = (event: { request: { uri: string } }) => { uri: string };

export async function startWebServer(props: WebServerProps): Promise<WebServer> {
  const files = new Map(Object.entries(props.manifest).map(([path, file]) => [`/${path}`, { file, bytes: readFileSync(join(props.filesDir, path)) }]));
  const viewerRequest = new Function(`${SPA_FALLBACK_FUNCTION}\nreturn handler;`)() as ViewerRequestHandler;
  let runtime: WebRuntime | undefined;

  function answer(method: string, rawUrl: string): Reply {
    if (!runtime) return text(503, "The local stack is still starting; reload in a moment.");
    if (method !== "GET" && method !== "HEAD") return text(405, "Method Not Allowed", { allow: "GET, HEAD" });
    const path = new URL(rawUrl, "http://localhost").pathname;
    const uri = viewerRequest({ request: { uri: path } }).uri;
    if (uri === `/${WEB_CONFIG_FILE}`) {
      return { status: 200, headers: { "content-type": "application/json", "cache-control": CACHE_CONTROL.revalidate }, body: Buffer.from(JSON.stringify(runtime.config)) };
    }
    const found = files.get(uri);
    if (!found) return text(404, "Not Found");
    return { status: 200, headers: { "content-type": found.file.contentType, "cache-control": found.file.cacheControl, etag: `"${found.file.sha256}"` }, body: found.bytes };
  }

  const server = createServer((request, response) => {
    const reply = answer(request.method ?? "GET", request.url ?? "/");
    const security = runtime ? webSecurityHeaders(runtime.contentSecurityPolicy) : {};
    response.writeHead(reply.status, { ...reply.headers, ...security, "content-length": String(reply.body.length) });
    response.end(request.method === "HEAD" ? undefined : reply.body);
  });
  await listenOnLoopback(server, props.port, "stop what holds it, or let the stack pick a free port");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve(next) {
      runtime = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function text(status: number, message: string, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": CACHE_CONTROL.revalidate, ...headers }, body: Buffer.from(message) };
}
