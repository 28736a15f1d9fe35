/** Synthesizes every stage (or the given ones) into a directory, as stacks/main.ts does. */
import { App } from "cdktf";
import { STAGE_NAMES, resolveStage, type StageName } from "../../stacks/config";
import { addStageStacks, type StageStacks } from "../../stacks/stage-stacks";
import type { FunctionManifest } from "../../scripts/lib/manifest";

export interface SynthOptions {
  readonly outdir: string;
  /** The directory the manifest's zip paths are relative to. */
  readonly rootDir: string;
  readonly manifest: FunctionManifest;
  readonly stages?: readonly StageName[];
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function synthStages(options: SynthOptions): Record<string, StageStacks> {
  const app = new App({ outdir: options.outdir });
  const stacks = Object.fromEntries(
    (options.stages ?? STAGE_NAMES).map((stage) => [
      stage,
      addStageStacks(app, resolveStage(stage, options.env ?? {}), options.manifest, options.rootDir),
    ]),
  );
  app.synth();
  return stacks;
}
