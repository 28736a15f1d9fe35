/** Loopback port helpers: emulator ports are free ports found at start (DESIGN section 6). */
import { createServer, type Server } from "node:net";
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
