/**
 * `npm start` for the bench's load test: scripts/local/start.ts in a node process of its own (tsx
 * as a loader, so the pid is the stack's), on a data directory of the caller's, with its output
 * kept for an error message rather than printed (the functions log a line per upload).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { readStackFile, STACK_FILE_NAME, type StackFile } from "../local/stack-file";
import { BenchError } from "./errors";

const ROOT_DIR = join(__dirname, "..", "..");
const START_SCRIPT = join(ROOT_DIR, "scripts", "local", "start.ts");
/** What start.ts prints once every part answers. */
const READY_LINE = "Local stack ready";
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;
/** Lines of output kept for an error message. */
const KEPT_LINES = 40;

export interface StackProcess {
  readonly stack: StackFile;
  /** SIGTERM, as Ctrl-C would stop it; SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
}

export function startStackProcess(dataDir: string, port: number): Promise<StackProcess> {
  const args = ["--import", "tsx", START_SCRIPT, "--data-dir", dataDir];
  const child = spawn(process.execPath, args, { cwd: ROOT_DIR, env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let partial = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  const failure = (what: string) =>
    new BenchError("measurement", `npm start (node ${args.join(" ")}, PORT=${port}) ${what}; its last output:\n${lines.join("\n")}\nrun it by hand to see why`);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(failure(`printed no "${READY_LINE}" line within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = partial + chunk.toString("utf8");
      const complete = text.split("\n");
      partial = complete.pop() ?? "";
      for (const line of complete) {
        lines.push(line);
        if (lines.length > KEPT_LINES) lines.shift();
        if (!line.startsWith(READY_LINE)) continue;
        clearTimeout(timer);
        try {
          resolve({ stack: readStackFile(join(dataDir, STACK_FILE_NAME)), stop });
        } catch (error) {
          void stop();
          reject(failure(`wrote no readable stack file: ${(error as Error).message}`));
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new BenchError("measurement", `cannot start node ${args.join(" ")}: ${error.message}`, { cause: error }));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(failure(`exited with ${child.exitCode ?? child.signalCode}`));
    });
  });
}
