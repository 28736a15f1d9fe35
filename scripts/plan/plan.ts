/**
 * `npm run plan -- --stage dev [--offline]`: synthesizes, then for each stack of the stage in
 * dependency order runs terraform init, validate and plan, and writes plans/<stage>/: the plan
 * JSON and a Markdown summary per stack, and summary.md for the pull-request comment.
 *
 * `--offline` needs no AWS account: each stack is planned in a copy with an override file
 * (dummy credentials, skip flags, local state), and a downstream stack reads its upstream's
 * outputs from a local state file made from the upstream's plan (placeholders where unknown).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { STAGE_NAMES, resolveStage } from "../../stacks/config";
import { STAGE_TAG } from "../../stacks/names";
import { offlineOverride, outputsState, providerAliases, upstreamOfRemoteState, type PlanWithOutputs, type SynthesizedStack } from "./offline-plan";
import { renderStackSummary, renderStageSummary, stackChanges, type StackChanges } from "./plan-summary";
import { OUTDIR, synth } from "./synth";
import { PlanError } from "./errors";
import { PLAN_STEPS, runTerraform, terraformEnv } from "./terraform";

export interface PlanStageOptions {
  readonly stage: string;
  /** The synthesized app (with manifest.json). */
  readonly outdir: string;
  /** Where plans/<stage>/ files go. */
  readonly plansDir: string;
  readonly offline: boolean;
  /** Scratch space: CLI config, offline copies. */
  readonly workDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** @default console.log */
  readonly log?: (line: string) => void;
}

export interface StagePlan {
  readonly stacks: readonly { readonly stack: string; readonly planFile: string; readonly plan: PlanWithOutputs; readonly changes: StackChanges }[];
  readonly summaryFile: string;
}

interface CdktfManifest {
  readonly stacks: Readonly<Record<string, { readonly dependencies: readonly string[]; readonly workingDirectory: string }>>;
}

export async function planStage(options: PlanStageOptions): Promise<StagePlan> {
  const log = options.log ?? console.log;
  const stage = resolveStage(options.stage, options.env ?? process.env);
  const manifest = readJson<CdktfManifest>(join(options.outdir, "manifest.json"), "run `npm run synth` first");
  const order = stackOrder(manifest, stage.stage, (stack) => stackStage(join(options.outdir, manifest.stacks[stack]!.workingDirectory)));
  const env = await terraformEnv(options.workDir, { env: options.env ?? process.env, log });
  const outDir = join(options.plansDir, stage.stage);
  mkdirSync(outDir, { recursive: true });

  const planned: StagePlan["stacks"][number][] = [];
  const outputStates: Record<string, string> = {};
  for (const stack of order) {
    const synthesized = join(options.outdir, manifest.stacks[stack]!.workingDirectory);
    const config = options.offline ? readJson<SynthesizedStack>(join(synthesized, "cdk.tf.json"), "run `npm run synth` again") : undefined;
    const cwd = config ? offlineCopy(synthesized, stack, config, options.workDir, outputStates) : synthesized;
    // An offline plan cannot be applied (dummy credentials, placeholder inputs): keep it out of plans/.
    const planFile = options.offline ? join(options.workDir, `${stack}.tfplan`) : resolve(outDir, `${stack}.tfplan`);
    const step = async (name: string, args: readonly string[]) => {
      log(`[${stack}] terraform ${name}`);
      return runTerraform(args, { cwd, env, onLine: (line) => line.trim() && log(`[${stack}]   ${line}`) });
    };
    await step("init", PLAN_STEPS.init);
    await step("validate", PLAN_STEPS.validate);
    await step("plan", PLAN_STEPS.plan(planFile));
    log(`[${stack}] terraform show -json`);
    const json = await runTerraform(PLAN_STEPS.show(planFile), { cwd, env });
    const plan = JSON.parse(json) as PlanWithOutputs;
    const changes = stackChanges(stack, plan);
    writeFileSync(join(outDir, `${stack}.plan.json`), json);
    writeFileSync(join(outDir, `${stack}.md`), renderStackSummary(changes));
    planned.push({ stack, planFile, plan, changes });
    if (config) {
      const stateFile = join(options.workDir, `${stack}.outputs.tfstate`);
      writeFileSync(stateFile, JSON.stringify(outputsState(config, plan, stage.region), null, 2));
      outputStates[stack] = stateFile;
    }
  }

  const summaryFile = join(outDir, "summary.md");
  writeFileSync(summaryFile, renderStageSummary(stage.stage, planned.map((entry) => entry.changes)));
  return { stacks: planned, summaryFile };
}

/**
 * The stage's stacks (those whose recorded stage, `stageOf`, is `stage`), each after the stacks it
 * depends on.
 */
export function stackOrder(manifest: CdktfManifest, stage: string, stageOf: (stack: string) => string | undefined): string[] {
  const inStage = Object.keys(manifest.stacks)
    .filter((name) => stageOf(name) === stage)
    .sort();
  if (inStage.length === 0) {
    throw new PlanError(`No stack of stage \`${stage}\` in the synthesized app; run \`npm run synth\` (stages: ${STAGE_NAMES.join(", ")})`);
  }
  const ordered: string[] = [];
  const visit = (name: string, path: readonly string[]) => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new PlanError(`Stacks depend on each other in a cycle: ${[...path, name].join(" -> ")}`);
    for (const dependency of manifest.stacks[name]?.dependencies ?? []) visit(dependency, [...path, name]);
    ordered.push(name);
  };
  for (const name of inStage) visit(name, []);
  return ordered;
}

/** The stage a synthesized stack records: its AWS provider's default `stage` tag (none for the bootstrap stack). */
export function stackStage(stackDir: string): string | undefined {
  const config = readJson<{ provider?: { aws?: { default_tags?: { tags?: Record<string, string> }[] }[] } }>(
    join(stackDir, "cdk.tf.json"),
    "run `npm run synth` again",
  );
  return config.provider?.aws?.[0]?.default_tags?.[0]?.tags?.[STAGE_TAG];
}

/** A copy of the stack (never the synthesized directory: `cdktf deploy` must not see the override). */
function offlineCopy(
  synthesized: string,
  stack: string,
  config: SynthesizedStack,
  workDir: string,
  outputStates: Readonly<Record<string, string>>,
): string {
  const cwd = join(workDir, "stacks", stack);
  rmSync(cwd, { recursive: true, force: true });
  cpSync(synthesized, cwd, { recursive: true, filter: (source) => !source.includes(join(synthesized, ".terraform")) });
  const remoteStates = Object.fromEntries(
    Object.keys(config.data?.terraform_remote_state ?? {}).map((name) => {
      const upstream = upstreamOfRemoteState(name);
      const stateFile = upstream ? outputStates[upstream] : undefined;
      if (!stateFile) throw new PlanError(`Stack \`${stack}\` reads remote state \`${name}\`, but no stack of this plan provides it; plan its stack first`);
      return [name, stateFile];
    }),
  );
  const override = offlineOverride(join(cwd, "offline.tfstate"), remoteStates, providerAliases(config));
  writeFileSync(join(cwd, "offline_override.tf.json"), JSON.stringify(override, null, 2));
  return cwd;
}

function readJson<T>(path: string, fix: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new PlanError(`Cannot read ${path}; ${fix}`, { cause: error });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stage: { type: "string" }, offline: { type: "boolean", default: false } } });
  if (!values.stage) throw new PlanError(`\`--stage\` is missing; run \`npm run plan -- --stage <${STAGE_NAMES.join("|")}> [--offline]\``);
  const rootDir = resolve(__dirname, "..", "..");
  await synth({ rootDir });
  const workDir = mkdtempSync(join(tmpdir(), "photos-plan-"));
  try {
    const result = await planStage({
      stage: values.stage,
      outdir: join(rootDir, OUTDIR),
      plansDir: join(rootDir, "plans"),
      offline: values.offline,
      workDir,
    });
    console.log(`\n${readFileSync(result.summaryFile, "utf8")}`);
    console.log(`plan files: ${relative(rootDir, dirname(result.summaryFile))}/`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
