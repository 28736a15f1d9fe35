/** Runs `scripts/local/start.ts` as a child process, the way `npm start` does, for end-to-end tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";

const REPO = join(__dirname, "..", "..");

export interface StackProcess {
  readonly child: ChildProcess;
  /** Everything printed so far on stdout and stderr. */
  output(): string;
  /** Resolves with the ready line; rejects with the output if the process exits first. */
  readonly ready: Promise<string>;
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}

export function spawnStack(dataDir: string, port: number, args: readonly string[] = []): StackProcess {
  // One node process (tsx as a loader, not as a wrapper), so its pid is the stack's.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/local/start.ts", "--data-dir", dataDir, ...args], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const line = output.split("\n").find((candidate) => candidate.startsWith("Local stack ready"));
      if (line) resolve(line);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((how) => reject(new Error(`start.ts exited (${how}) before ready:\n${output}`)));
  });
  ready.catch(() => undefined);
  return { child, output: () => output, ready, exited };
}

/** Processes whose working directory is `directory` (cognito-local runs in the data dir). */
export function pidsWithCwd(directory: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === directory) pids.push(Number(entry));
    } catch {
      // Gone already, or not ours to inspect.
    }
  }
  return pids;
}

/** True when nothing accepts connections on the URL's port. */
export function isClosed(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}
