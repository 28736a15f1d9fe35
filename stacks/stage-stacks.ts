import { resolve } from "node:path";
import type { Construct } from "constructs";
import { FUNCTION_NAMES, type FunctionName } from "../functions/shared/contract";
import type { FunctionManifest } from "../scripts/lib/manifest";
import type { StageConfig } from "./config";
import type { FunctionArtifact } from "./constructs/photo-function";
import { InfraStack } from "./infra-stack";
import { PhotosApiStack } from "./photos-api-stack";

/** The stacks of one stage, in deployment order. */
export interface StageStacks {
  readonly infra: InfraStack;
  readonly api: PhotosApiStack;
}

/** Declares a stage's stacks; the api stack reads the infra stack through cross-stack references. */
export function addStageStacks(scope: Construct, stage: StageConfig, manifest: FunctionManifest, rootDir: string): StageStacks {
  const infra = new InfraStack(scope, stage);
  const api = new PhotosApiStack(scope, { stage, infra: infra.exports, artifacts: functionArtifacts(manifest, rootDir) });
  return { infra, api };
}

/** Manifest entries (repo-relative zips) as the absolute paths TerraformAsset copies from. */
export function functionArtifacts(manifest: FunctionManifest, rootDir: string): Record<FunctionName, FunctionArtifact> {
  return Object.fromEntries(
    FUNCTION_NAMES.map((name) => {
      const { file, sha256, base64Sha256 } = manifest[name];
      return [name, { path: resolve(rootDir, file), sha256, base64Sha256 }];
    }),
  ) as Record<FunctionName, FunctionArtifact>;
}
