import { App } from "cdktf";
import { readManifest } from "../scripts/lib/manifest";
import { BOOTSTRAP_STACK_NAME, BootstrapStack } from "./bootstrap-stack";
import { STAGE_NAMES, resolveStage } from "./config";
import { addStageStacks } from "./stage-stacks";

export interface CreateAppOptions {
  /** The repository root: the function manifest and zips are read below it. */
  readonly rootDir: string;
  /** @default cdktf's own (env CDKTF_OUTDIR, else cdktf.out) */
  readonly outdir?: string;
  /** Supplies TF_STATE_BUCKET. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The bootstrap stack and every stage's stacks; throws (with the fix) when the function build is missing or stale. */
export function createApp(options: CreateAppOptions): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const manifest = readManifest(options.rootDir);
  // Account-level, not per stage: applied once by an administrator (README "Deploying").
  new BootstrapStack(app, BOOTSTRAP_STACK_NAME);
  for (const stageName of STAGE_NAMES) {
    addStageStacks(app, resolveStage(stageName, options.env), manifest, options.rootDir);
  }
  return app;
}
