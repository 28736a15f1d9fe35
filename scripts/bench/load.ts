/**
 * A bounded load test of the local stack (issue 10): `npm start` in a process of its own on a
 * fresh data directory, a real sign-in of the demo attendee at cognito-local, then the same number
 * of requests to three routes at once with autocannon, many connections each: initiate-upload (a
 * write: the attendance check with the quota counter, and the intent), list-photos and get-photo
 * (reads, of a photo made ready first). The figure per route is autocannon's p50 and p99 on
 * loopback and the server errors; every other answer must be the route's success, or the bench
 * did not measure what it says.
 */
import { join } from "node:path";
import autocannon from "autocannon";
import sharp from "sharp";
import { createApiClient } from "../../client/api";
import { login } from "../../client/cognito";
import { uploadPhoto, type PutObject } from "../../client/upload-photo";
import { LIMITS, ROUTES, routePath } from "../../functions/shared/contract";
import { EMULATOR_CLIENT_CONFIG } from "../local/emulators";
import { findFreePort } from "../local/ports";
import { BenchError } from "./errors";
import { LOAD_ROUTES, type LoadRoute } from "./results";
import { startStackProcess } from "./stack-process";

export interface RouteLoad {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly status5xx: number;
  /** Requests that got no answer at all (connection errors and timeouts). */
  readonly unanswered: number;
}

export interface LoadFigure {
  readonly connectionsPerRoute: number;
  readonly routes: Readonly<Record<LoadRoute, RouteLoad>>;
}

export interface LoadOptions {
  /** A fresh directory for the stack's data. */
  readonly workDir: string;
  readonly requestsPerRoute: number;
  readonly connectionsPerRoute: number;
  readonly log: (line: string) => void;
}

/** Sequential requests per route before the measured ones: the first ones open the handlers' SDK connections. */
const WARMUP_REQUESTS = 5;
const REQUEST_TIMEOUT_SECONDS = 30;

export async function measureLoad(options: LoadOptions): Promise<LoadFigure> {
  // The attendee's initiated uploads count against the stack's quota: the seeded photo, the warm-up and the load.
  const initiated = 1 + WARMUP_REQUESTS + options.requestsPerRoute;
  if (initiated > LIMITS.defaultUploadQuota) {
    throw new BenchError("usage", `the load test would initiate ${initiated} uploads, more than the local stack's quota of ${LIMITS.defaultUploadQuota}; send fewer requests per route`);
  }
  const started = performance.now();
  const stackProcess = await startStackProcess(join(options.workDir, "load-stack"), await findFreePort());
  try {
    const { stack } = stackProcess;
    options.log(`load: npm start ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const attendee = stack.users.find((user) => user.attendeeOf.length > 0 && user.organizerOf.length === 0);
    const eventId = attendee?.attendeeOf[0];
    if (!attendee || !eventId) throw new BenchError("measurement", "the local stack's stack file lists no attendee who is not an organizer; the load test signs in as one");
    const { cognitoEndpoint, clientId } = stack.auth;
    const tokens = await login({ region: EMULATOR_CLIENT_CONFIG.region, cognitoEndpoint, clientId, username: attendee.username, password: attendee.password });
    const photoId = await readyPhoto(stack.apiUrl, tokens.idToken, eventId);

    const requests = requestsOf(eventId, photoId, tokens.idToken);
    for (const route of LOAD_ROUTES) {
      for (let i = 0; i < WARMUP_REQUESTS; i += 1) await expectSuccess(stack.apiUrl, route, requests[route]);
    }
    const results = await Promise.all(
      LOAD_ROUTES.map((route) =>
        autocannon({
          url: `${stack.apiUrl}${requests[route].path}`,
          method: requests[route].method,
          headers: requests[route].headers,
          body: requests[route].body,
          connections: options.connectionsPerRoute,
          amount: options.requestsPerRoute,
          timeout: REQUEST_TIMEOUT_SECONDS,
        }),
      ),
    );
    const routes = {} as Record<LoadRoute, RouteLoad>;
    LOAD_ROUTES.forEach((route, index) => {
      const result = results[index] as autocannon.Result;
      const other = result.non2xx - result["5xx"];
      if (other > 0) {
        throw new BenchError("measurement", `${route} answered ${other} requests with neither a success nor a server error (${JSON.stringify(result.statusCodeStats)}); fix the load test's requests`);
      }
      routes[route] = { requests: result.requests.total, p50Ms: result.latency.p50, p99Ms: result.latency.p99, status5xx: result["5xx"], unanswered: result.errors };
      options.log(`load ${route}: ${result.requests.total} requests over ${options.connectionsPerRoute} connections, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result["5xx"]} 5xx, ${result.errors} unanswered`);
    });
    return { connectionsPerRoute: options.connectionsPerRoute, routes };
  } finally {
    await stackProcess.stop();
  }
}

interface LoadRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

function requestsOf(eventId: string, photoId: string, idToken: string): Record<LoadRoute, LoadRequest> {
  const headers = { authorization: `Bearer ${idToken}`, "content-type": "application/json" };
  const upload = { title: "Load test", contentType: "image/png", contentLength: 1000 };
  return {
    initiateUpload: { method: "POST", path: routePath(ROUTES.initiateUpload, { eventId }), headers, body: JSON.stringify(upload) },
    listPhotos: { method: "GET", path: routePath(ROUTES.listPhotos, { eventId }), headers },
    getPhoto: { method: "GET", path: routePath(ROUTES.getPhoto, { eventId, photoId }), headers },
  };
}

async function expectSuccess(apiUrl: string, route: LoadRoute, request: LoadRequest): Promise<void> {
  const response = await fetch(`${apiUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  if (!response.ok) throw new BenchError("measurement", `${route} answered ${response.status} before the load: ${await response.text()}; fix the handler first`);
  await response.arrayBuffer();
}

/** One photo uploaded and processed the way every client does it, for get-photo to read. */
async function readyPhoto(apiUrl: string, idToken: string, eventId: string): Promise<string> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
  const put: PutObject = async (initiated) => {
    const response = await fetch(initiated.s3PutObjectUrl, { method: initiated.method, headers: initiated.headers, body: png });
    if (!response.ok) throw new BenchError("measurement", `the presigned PUT answered ${response.status}: ${await response.text()}`);
  };
  const api = createApiClient({ apiUrl, token: () => idToken });
  const photo = await uploadPhoto({ api, eventId, title: "Load test photo", contentType: "image/png", contentLength: png.length, put });
  if (photo.status !== "ready") throw new BenchError("measurement", `the load test's photo was ${photo.status}: ${JSON.stringify(photo.rejection)}`);
  return photo.id;
}
