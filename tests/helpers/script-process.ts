/** Runs one of the project's scripts as a user would (`node --import tsx scripts/...`), and collects what it printed. */
import { spawn } from "node:child_process";
import { join } from "node:path";

const REPO = join(__dirname, "..", "..");

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `env` changes this process's environment for the script: a value replaces, undefined removes. */
export function runScript(script: string, args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Promise<ScriptRun> {
  const environment = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: REPO, env: environment, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}
