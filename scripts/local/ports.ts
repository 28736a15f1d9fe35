/** Loopback port helpers: emulator ports are free ports found at start (DESIGN section 6). */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { PortInUseError } from "./errors";

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

/** Fails with PortInUseError (saying `fix`) when `port` cannot be bound on 127.0.0.1. Port 0 always passes. */
export function assertPortFree(port: number, fix: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port, fix, { cause: error }) : error),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}
