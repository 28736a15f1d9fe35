/**
 * The local stand-in for CloudFront's invalidation API: the delete-photo function calls
 * CreateInvalidation through the SDK as in AWS (AWS_ENDPOINT_URL_CLOUDFRONT points here), and this
 * records the paths instead of purging edge caches the local stack does not have. Tests read the
 * record to see that a deletion invalidated exactly the photo's paths.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { listenOnLoopback } from "./ports";

export interface Invalidation {
  readonly distributionId: string;
  readonly callerReference: string;
  readonly paths: readonly string[];
}

export interface InvalidationRecorder {
  /** The endpoint to give the SDK. */
  readonly url: string;
  /** Every invalidation asked for so far, in order (a repeated caller reference is recorded once, as CloudFront keeps one). */
  invalidations(): readonly Invalidation[];
  stop(): Promise<void>;
}

/** `POST /2020-05-31/distribution/{id}/invalidation` with an InvalidationBatch body. */
const CREATE_INVALIDATION = /^\/\d{4}-\d{2}-\d{2}\/distribution\/([^/]+)\/invalidation$/;

/** Starts the recorder on `port` (0 picks a free one). */
export async function startInvalidationRecorder(port = 0): Promise<InvalidationRecorder> {
  const recorded: Invalidation[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const distributionId = CREATE_INVALIDATION.exec(request.url ?? "")?.[1];
      if (request.method !== "POST" || !distributionId) {
        response.writeHead(404, { "content-type": "text/xml" }).end(errorXml("NoSuchResource", "Only CreateInvalidation is recorded locally."));
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const callerReference = /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? "";
      const paths = [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((match) => decodeXml(match[1] ?? ""));
      const index = recorded.findIndex((entry) => entry.distributionId === distributionId && entry.callerReference === callerReference);
      if (index < 0) recorded.push({ distributionId, callerReference, paths });
      const id = `I${String(index < 0 ? recorded.length : index + 1).padStart(6, "0")}`;
      response
        .writeHead(201, { "content-type": "text/xml", location: `${request.url}/${id}` })
        .end(invalidationXml(id, callerReference, paths));
    });
  });
  await listenOnLoopback(server, port, "stop what holds it, or let the stack pick a free port");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invalidations: () => [...recorded],
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function invalidationXml(id: string, callerReference: string, paths: readonly string[]): string {
  const items = paths.map((path) => `<Path>${encodeXml(path)}</Path>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${id}</Id><Status>Completed</Status><CreateTime>${new Date().toISOString()}</CreateTime><InvalidationBatch><Paths><Quantity>${paths.length}</Quantity><Items>${items}</Items></Paths><CallerReference>${encodeXml(callerReference)}</CallerReference></InvalidationBatch></Invalidation>`;
}

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error></ErrorResponse>`;
}

function encodeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
