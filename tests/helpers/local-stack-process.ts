/**
 * Runs the local stack as a child process for end-to-end tests: `scripts/local/start.ts` directly,
 * or `npm start` exactly as a user types it (npm, then the node process it runs), in a process
 * group of its own so that a test can signal the group.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
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

/** `node --import tsx scripts/local/start.ts`: one node process (tsx as a loader), so its pid is the stack's. `env` adds to this process's environment. */
export function spawnStack(dataDir: string, port: number, args: readonly string[] = [], env: Readonly<Record<string, string>> = {}): StackProcess {
  return watch(spawn(process.execPath, ["--import", "tsx", "scripts/local/start.ts", "--data-dir", dataDir, ...args], options(port, env)));
}

/** `npm start -- --data-dir <dataDir>`, leading a new process group (its pgid is npm's pid). */
export function spawnNpmStart(dataDir: string, port: number): StackProcess {
  return watch(spawn("npm", ["start", "--", "--data-dir", dataDir], { ...options(port), detached: true }));
}

function options(port: number, env: Readonly<Record<string, string>> = {}) {
  return { cwd: REPO, env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"] };
}

function watch(child: ChildProcess): StackProcess {
  let output = "";
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const line = output.split("\n").find((candidate) => candidate.startsWith("Local stack ready"));
      if (line) resolve(line);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((how) => reject(new Error(`the stack exited (${how}) before ready:\n${output}`)));
  });
  ready.catch(() => undefined);
  return { child, output: () => output, ready, exited };
}

/**
 * The cognito-local processes of the stack whose data is in `dataDir`: it runs with its working
 * directory in the data dir. Matched by command line too, since what it spawns (tsx's esbuild
 * service, when its cache is cold) inherits that working directory.
 */
export function cognitoLocalPids(dataDir: string): number[] {
  const directory = join(dataDir, "cognito");
  return livePids().filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === directory && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("cognito-local-process");
    } catch {
      // Gone already, or not ours to inspect.
      return false;
    }
  });
}

/** The running children of `parent`. */
export function childPids(parent: number): number[] {
  return livePids().filter((pid) => stat(pid)?.ppid === parent);
}

/** True while `pid` runs (a zombie, exited but not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  const state = stat(pid)?.state;
  return state !== undefined && state !== "Z";
}

function livePids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter(isRunning);
}

/** State and parent pid from /proc/<pid>/stat (after the command name, which may hold spaces). */
function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state = "", ppid = ""] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Resolves once `condition` holds, polling; rejects after `timeoutMs`, saying what it waited for. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
