/** Loopback port helpers: emulator ports are free ports found at start (DESIGN section 6). */
import type { Server as HttpServer } from "node:http";
import { createConnection, createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { LocalStackError } from "./errors";

/** A port that was free a moment ago; the caller binds it right away. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Binds `server` to `port` on 127.0.0.1; a port held by another process fails with a LocalStackError saying `fix`. */
export function listenOnLoopback(server: Server, port: number, fix: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new LocalStackError(`port ${port} on 127.0.0.1 is already in use; ${fix}`, { cause: error }) : error),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/** Fails with a LocalStackError (saying `fix`) when `port` cannot be bound on 127.0.0.1. Port 0 always passes. */
export async function assertPortFree(port: number, fix: string): Promise<void> {
  const server = createServer();
  await listenOnLoopback(server, port, fix);
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Whether something accepts TCP connections on the URL's host and port (within `timeoutMs`). */
export function acceptsConnections(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export interface LoopbackService {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Closes the server and every connection to it, idle or not. */
  stop(): Promise<void>;
}

/**
 * Binds an HTTP server as listenOnLoopback does (port 0 picks a free one) and says how to reach and
 * stop it; `afterStop` releases what the server used (an upstream agent).
 */
export async function serveOnLoopback(server: HttpServer, port: number, fix: string, afterStop: () => void = () => undefined): Promise<LoopbackService> {
  await listenOnLoopback(server, port, fix);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(afterStop),
  };
}
