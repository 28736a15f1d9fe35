import type { Construct } from "constructs";
import type { FunctionName } from "../functions/shared/contract";
import type { FunctionManifest } from "../packaging/manifest";
import type { StageConfig } from "./config";
import { InfraStack } from "./infra-stack";
import { PhotosApiStack } from "./photos-api-stack";

/** The stacks of one stage, in deployment order. */
export interface StageStacks {
  readonly infra: InfraStack;
  readonly api: PhotosApiStack;
}

/**
 * Declares a stage's stacks; the api stack reads the infra stack through cross-stack references.
 * `rootDir` is the directory the manifest's zip paths are relative to.
 */
export function addStageStacks(scope: Construct, stage: StageConfig, manifest: FunctionManifest<FunctionName>, rootDir: string): StageStacks {
  const infra = new InfraStack(scope, stage);
  const api = new PhotosApiStack(scope, { stage, infra: infra.exports, artifacts: manifest, artifactRoot: rootDir });
  return { infra, api };
}
