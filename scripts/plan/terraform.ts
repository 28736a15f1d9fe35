/**
 * Runs the terraform CLI for the plan script and the tests: a CLI config that installs the AWS
 * provider from a local mirror when one is given, and a runner that streams output line by line.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Environment variable naming a provider mirror directory (`<mirror>/registry.terraform.io/...`). */
export const PROVIDER_MIRROR_ENV = "TF_PROVIDER_MIRROR";

/**
 * The one error of planning: terraform is missing or failed (the message carries the command, its
 * directory and its last output), or the synthesized app is not what the plan needs.
 */
export class PlanError extends Error {
  override readonly name = "PlanError";
}

/** terraform exited non-zero: the command, where, and the last lines it printed. */
function commandFailed(args: readonly string[], cwd: string, exitCode: number | null, output: string): PlanError {
  const tail = output.trim().split("\n").slice(-25).join("\n");
  return new PlanError(`\`terraform ${args.join(" ")}\` failed in ${cwd} (exit ${exitCode}); fix the error below and rerun:\n${tail}`);
}

/**
 * Environment for terraform child processes (the caller's own environment is left alone). With a
 * provider mirror, a CLI config in `workDir` installs providers from it, and a plugin cache lets
 * every later init link instead of copy: terraform symlinks unpacked mirror directories, so the
 * 675 MB AWS provider is never copied per stack. Without a mirror, terraform downloads as usual.
 */
export function terraformEnv(workDir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  const mirror = env[PROVIDER_MIRROR_ENV]?.trim();
  if (!mirror) return base;
  const cacheDir = join(workDir, "plugin-cache");
  mkdirSync(cacheDir, { recursive: true });
  const configFile = join(workDir, "terraform.tfrc");
  writeFileSync(configFile, cliConfig(mirror, cacheDir));
  return { ...base, TF_CLI_CONFIG_FILE: configFile };
}

export function cliConfig(mirrorDir: string, pluginCacheDir: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path = ${JSON.stringify(mirrorDir)}`,
    "  }",
    "}",
    `plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`,
    "",
  ].join("\n");
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called with each line terraform prints (stdout and stderr). @default lines are not reported */
  readonly onLine?: (line: string) => void;
}

/** Runs `terraform <args>` and resolves with its stdout; rejects with TerraformCommandError. */
export function runTerraform(args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("terraform", args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    let transcript = "";
    const forward = (stream: NodeJS.ReadableStream, keep: boolean) => {
      let pending = "";
      stream.on("data", (chunk: Buffer) => {
        if (keep) stdout.push(chunk);
        transcript += chunk.toString("utf8");
        pending += chunk.toString("utf8");
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) options.onLine?.(line);
      });
      stream.on("end", () => {
        if (pending) options.onLine?.(pending);
      });
    };
    forward(child.stdout, true);
    forward(child.stderr, false);
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new PlanError("`terraform` is not on PATH; install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)", { cause: error })
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolvePromise(Buffer.concat(stdout).toString("utf8"));
      else reject(commandFailed(args, options.cwd, code, transcript));
    });
  });
}

/** The steps of a plan, each a terraform command run in the stack's directory. */
export const PLAN_STEPS = {
  init: ["init", "-input=false", "-no-color"],
  validate: ["validate", "-no-color"],
  plan: (planFile: string) => ["plan", "-input=false", "-no-color", "-lock=false", `-out=${planFile}`],
  show: (planFile: string) => ["show", "-json", planFile],
} as const;
