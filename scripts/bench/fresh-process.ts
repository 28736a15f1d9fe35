/** Runs a script in a fresh node process, timing it from spawn to exit. */
import { spawn } from "node:child_process";
import { MeasurementError } from "./errors";

export class FreshProcessError extends MeasurementError {
  override name = "FreshProcessError";

  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(`node ${args.join(" ")} exited with ${exitCode ?? "a signal"}:\n${stderr.trim()}\nrun that command by hand to see the whole failure`, options);
  }
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
      if (code !== 0) reject(new FreshProcessError(args, code, Buffer.concat(stderr).toString("utf8")));
      else resolve({ wallMs, stdout: Buffer.concat(stdout).toString("utf8") });
    });
  });
}

/** Arguments that run TypeScript `file` under tsx. */
export function tsxArgs(file: string, ...args: string[]): string[] {
  return ["--import", "tsx", file, ...args];
}
