/** Runs a script in a fresh node process, timing it from spawn to exit. */
import { spawn } from "node:child_process";
import { BenchError } from "./errors";

/** A fresh process failed: its command, exit and stderr. */
function processFailed(args: readonly string[], exitCode: number | null, stderr: string, options?: { cause?: unknown }): BenchError {
  return new BenchError("measurement", `node ${args.join(" ")} exited with ${exitCode ?? "a signal"}:\n${stderr.trim()}\nrun that command by hand to see the whole failure`, options);
}

export interface FreshProcessRun {
  /** Spawn to exit, in milliseconds. */
  readonly wallMs: number;
  readonly stdout: string;
}

export interface FreshProcessOptions {
  readonly cwd: string;
  /** Added to this process's environment. @default nothing */
  readonly env?: Readonly<Record<string, string>>;
}

/** `node <args>`; TypeScript files run through tsx (`--import tsx`), as `npm run synth` runs them. */
export function runNode(args: readonly string[], options: FreshProcessOptions): Promise<FreshProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) reject(processFailed(args, code, Buffer.concat(stderr).toString("utf8")));
      else resolve({ wallMs, stdout: Buffer.concat(stdout).toString("utf8") });
    });
  });
}

/** Arguments that run TypeScript `file` under tsx. */
export function tsxArgs(file: string, ...args: string[]): string[] {
  return ["--import", "tsx", file, ...args];
}
