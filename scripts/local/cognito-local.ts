/**
 * Runs cognito-local (npm) as a child process: the Cognito-compatible auth endpoint of the local
 * stack. Its config and pools live in `.cognito/` under its working directory, so they persist.
 * The child (cognito-local-process.ts) writes them atomically and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { LocalStackError } from "./errors";
import { findFreePort } from "./ports";

const READY_LINE = /Cognito Local running on (https?:\/\/\S+)/;
const READY_TIMEOUT_MS = 30_000;
// cognito-local's logger colours its output even when piped.
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

export interface CognitoLocalProps {
  /** Its working directory: where `.cognito/` (config and user pools) is kept. */
  readonly directory: string;
  /** Called when it exits on its own after it was ready. */
  readonly onUnexpectedExit?: (reason: string) => void;
  /** Aborting it stops a start still waiting for the ready line. @default never aborted */
  readonly signal?: AbortSignal;
  /** @default a free port */
  readonly port?: number;
}

export interface CognitoLocal {
  /** `http://127.0.0.1:PORT`: also the issuer domain of the tokens it signs. */
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startCognitoLocal(props: CognitoLocalProps): Promise<CognitoLocal> {
  mkdirSync(props.directory, { recursive: true });
  const port = props.port ?? (await findFreePort());
  // Its own process group: a signal to the stack's group (Ctrl-C, kill -- -PGID) reaches the stack,
  // which stops this child after its writes, instead of both racing. It exits by itself when the
  // stack is gone (parent-watch.ts), so it never outlives it.
  const child = spawn(process.execPath, ["--import", pathToFileURL(require.resolve("tsx")).href, join(__dirname, "cognito-local-process.ts")], {
    cwd: props.directory,
    // HOST makes the issuer `http://127.0.0.1:PORT/<poolId>`, the address clients use.
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      process.off("exit", killOnExit);
      resolve(signal ? `signal ${signal}` : `code ${code}`);
    }),
  );

  const recentLines: string[] = [];
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new LocalStackError(`cognito-local did not report ready within ${READY_TIMEOUT_MS} ms${lastWords(recentLines)}; run again, or with --fresh if its data is damaged`)),
      READY_TIMEOUT_MS,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (raw) => {
        const line = raw.replace(ANSI_ESCAPE, "");
        recentLines.push(line);
        if (recentLines.length > 40) recentLines.shift();
        const url = READY_LINE.exec(line)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      });
    }
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new LocalStackError(`cognito-local could not be started: ${error.message}; check that npm install completed`, { cause: error }));
    });
    props.signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(props.signal?.reason);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new LocalStackError(`cognito-local exited with ${how} before it was ready${lastWords(recentLines)}; if its data in ${props.directory} is damaged, start with --fresh`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });

  let stopping = false;
  void exited.then((how) => {
    if (!stopping) props.onUnexpectedExit?.(`cognito-local exited with ${how}${lastWords(recentLines)}`);
  });
  return {
    endpoint,
    pid: child.pid ?? -1,
    async stop() {
      stopping = true;
      await stopChild(child, exited);
    },
  };
}

/** The last line it logged at ERROR level (a stack trace follows it), else its last line. */
function lastWords(lines: readonly string[]): string {
  const printed = lines.filter((line) => line.trim());
  const last = printed.findLast((line) => /\bERROR\b/.test(line))?.replace(/^.*ERROR:\s*(NONE\s+)*/, "") ?? printed.at(-1);
  return last ? ` (it said: ${last.trim()})` : "";
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
