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

export function createUpstream(endpoint: string): Upstream {
  const { hostname, port, host } = new URL(endpoint);
  const agent = new Agent({ keepAlive: true });
  return {
    request({ method, path, headers, body }) {
      return new Promise((resolve, reject) => {
        const outgoing = httpRequest({ hostname, port: Number(port), method, path, agent, headers: { ...forwardable(headers), host } }, resolve);
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
