/**
 * Runs the terraform CLI for the plan script and the tests: the environment every run gets (a CLI
 * configuration that installs the AWS provider from the mirror provider-mirror.ts resolves), and a
 * runner that streams output line by line.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PlanError } from "./errors";
import { AWS_PROVIDER, cliConfig, resolveProviderMirror, type MirrorSearch, type ProviderInstall } from "./provider-mirror";

/** terraform exited non-zero: the command, where, and its last lines unless they were already reported. */
function commandFailed(args: readonly string[], cwd: string, exitCode: number | null, output: string | undefined): PlanError {
  const what = `\`terraform ${args.join(" ")}\` failed in ${cwd} (exit ${exitCode})`;
  if (output === undefined) return new PlanError(`${what}; its output is above`);
  const tail = output.trim().split("\n").slice(-25).join("\n");
  return new PlanError(`${what}:\n${tail}`);
}

export interface TerraformEnvOptions extends MirrorSearch {
  /** Progress of a provider download or unpack. @default console.log */
  readonly log?: (line: string) => void;
}

/**
 * Environment for terraform child processes (the caller's own environment is left alone): a CLI
 * config in `workDir` that installs the AWS provider from a local mirror (found, or filled once:
 * see provider-mirror.ts), so no init downloads it.
 */
export async function terraformEnv(workDir: string, options: TerraformEnvOptions = {}): Promise<NodeJS.ProcessEnv> {
  const env = automationEnv(options.env ?? process.env);
  const mirror = await resolveProviderMirror({ ...options, install: (target) => installProvider(target, env) });
  mkdirSync(workDir, { recursive: true });
  const configFile = join(workDir, "terraform.tfrc");
  writeFileSync(configFile, cliConfig({ provider: options.provider ?? AWS_PROVIDER, mirror: mirror.dir }));
  return { ...env, TF_CLI_CONFIG_FILE: configFile };
}

function automationEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
}

/** `terraform init` of a configuration that needs only the provider, with `pluginCacheDir` as its plugin cache. */
async function installProvider(target: Parameters<ProviderInstall>[0], env: NodeJS.ProcessEnv): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "photos-provider-"));
  try {
    const name = target.provider.source.split("/").at(-1) ?? "provider";
    const configuration = { terraform: { required_providers: { [name]: { source: target.provider.source, version: target.provider.version } } } };
    writeFileSync(join(scratch, "main.tf.json"), JSON.stringify(configuration, null, 2));
    const configFile = join(scratch, "install.tfrc");
    writeFileSync(configFile, cliConfig({ provider: target.provider, mirror: target.source?.dir, pluginCacheDir: target.pluginCacheDir }));
    await runTerraform(["init", "-backend=false", "-input=false", "-no-color"], { cwd: scratch, env: { ...env, TF_CLI_CONFIG_FILE: configFile } });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called with each line terraform prints (stdout and stderr); a failure then does not repeat them. @default lines are not reported */
  readonly onLine?: (line: string) => void;
}

/** Runs `terraform <args>` and resolves with its stdout; rejects with a PlanError. */
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
      else reject(commandFailed(args, options.cwd, code, options.onLine ? undefined : transcript));
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
