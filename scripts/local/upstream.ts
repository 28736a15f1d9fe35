/**
 * Requests from the local fronts to the S3 emulator behind them, over one keep-alive agent: the
 * client's request passed on (minus hop-by-hop headers), and the emulator's answer piped back.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";

/** Headers that belong to one connection, never forwarded (RFC 9110 section 7.6.1), and `expect`, which the front has answered. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "expect"]);

export interface UpstreamRequest {
  readonly method: string;
  /** Path and query, as sent on the wire. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The whole body: s3rver stores what it received when a connection drops, so nothing is streamed. */
  readonly body?: Buffer;
}

export interface Upstream {
  request(request: UpstreamRequest): Promise<IncomingMessage>;
  close(): void;
}

export interface UpstreamOptions {
  /**
   * Send the client's own `Host` header on, as a transparent hop on the network path does, so a
   * signature over it still holds at the next server. @default false: the upstream's host
   */
  readonly keepHost?: boolean;
}

export function createUpstream(endpoint: string, options: UpstreamOptions = {}): Upstream {
  const { hostname, port, host } = new URL(endpoint);
  const agent = new Agent({ keepAlive: true });
  return {
    request({ method, path, headers, body }) {
      return new Promise((resolve, reject) => {
        const sentHost = options.keepHost && headers.host !== undefined ? headers.host : host;
        const outgoing = httpRequest({ hostname, port: Number(port), method, path, agent, headers: { ...forwardable(headers), host: sentHost } }, resolve);
        outgoing.once("error", reject);
        outgoing.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

export function forwardable(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name) && name !== "host"));
}

/** Pipes the emulator's answer to the client, with `headers` added or replaced. */
export function relay(answer: IncomingMessage, response: ServerResponse, headers: OutgoingHttpHeaders = {}): void {
  response.writeHead(answer.statusCode ?? 502, { ...forwardable(answer.headers), ...headers });
  answer.pipe(response);
}

/** The whole body of a request or an answer. */
export async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
