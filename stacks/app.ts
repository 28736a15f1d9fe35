import { App } from "cdktf";
import { FUNCTION_NAMES, type FunctionName } from "../functions/shared/contract";
import { readManifest, type FunctionManifest } from "../packaging/manifest";
import { readWebManifest, type WebManifest } from "../packaging/web-manifest";
import { BootstrapStack } from "./bootstrap-stack";
import { BOOTSTRAP_STACK_NAME } from "./names";
import { STAGE_NAMES, resolveStage, type StageName } from "./config";
import { addStageStacks } from "./stage-stacks";

export interface CreateAppOptions {
  /** The repository root: the manifest's zip paths are relative to it. */
  readonly rootDir: string;
  /** @default cdktf's own (env CDKTF_OUTDIR, else cdktf.out) */
  readonly outdir?: string;
  /** Supplies TF_STATE_BUCKET. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The built functions. @default the manifest below rootDir, checked to be present and fresh */
  readonly manifest?: FunctionManifest<FunctionName>;
  /** The built web app. @default the web manifest below rootDir, checked to be present and fresh */
  readonly webManifest?: WebManifest;
  /** The stages to declare. @default every stage in STAGE_NAMES */
  readonly stages?: readonly StageName[];
}

/** The bootstrap stack and every stage's stacks; throws (with the fix) when a build is missing or stale. */
export function createApp(options: CreateAppOptions): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const functions = options.manifest ?? readManifest(options.rootDir, { functions: FUNCTION_NAMES });
  const web = options.webManifest ?? readWebManifest(options.rootDir);
  const stages = options.stages ?? STAGE_NAMES;
  // Account-level, not per stage: applied once by an administrator (README "Deploying").
  new BootstrapStack(app, BOOTSTRAP_STACK_NAME);
  for (const stageName of stages) {
    addStageStacks(app, resolveStage(stageName, options.env), { functions, web, rootDir: options.rootDir });
  }
  return app;
}
