import type { Construct } from "constructs";
import type { FunctionName } from "../functions/shared/contract";
import type { FunctionManifest } from "../packaging/manifest";
import type { WebManifest } from "../packaging/web-manifest";
import type { StageConfig } from "./config";
import { InfraStack } from "./infra-stack";
import { PhotosApiStack } from "./photos-api-stack";
import { PhotosWebStack } from "./photos-web-stack";

/** The stacks of one stage, in deployment order. */
export interface StageStacks {
  readonly infra: InfraStack;
  readonly api: PhotosApiStack;
  readonly web: PhotosWebStack;
}

/** What a stage deploys besides its configuration: the function zips and the web app, built below `rootDir`. */
export interface StageBuilds {
  readonly functions: FunctionManifest<FunctionName>;
  readonly web: WebManifest;
  /** The directory the manifests' paths are relative to (the repository root). */
  readonly rootDir: string;
}

/**
 * Declares a stage's stacks; the api stack reads the infra stack, and the web stack reads both,
 * through cross-stack references.
 */
export function addStageStacks(scope: Construct, stage: StageConfig, builds: StageBuilds): StageStacks {
  const infra = new InfraStack(scope, stage);
  const api = new PhotosApiStack(scope, { stage, infra: infra.exports, artifacts: builds.functions, artifactRoot: builds.rootDir });
  const web = new PhotosWebStack(scope, { stage, infra: infra.exports, apiUrl: api.apiUrl, files: builds.web, webRoot: builds.rootDir });
  return { infra, api, web };
}
