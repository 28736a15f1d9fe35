/** A fake AWS service endpoint on loopback for tests of a real SDK client: `answer` gets each request whole and says the reply. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface FakeEndpoint {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startFakeEndpoint(answer: (request: FakeRequest) => FakeReply): Promise<FakeEndpoint> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const reply = answer({ method: request.method ?? "GET", path: request.url ?? "/", headers: request.headers, body });
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
