import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PROJECT, type StageConfig } from "./config";
import { STAGE_TAG } from "./names";

/** The AWS provider of a stage's stack: its region, and project and stage tags on every resource. */
export function declareAwsProvider(scope: Construct, stage: StageConfig): AwsProvider {
  return new AwsProvider(scope, "aws", {
    region: stage.region,
    defaultTags: [{ tags: { project: PROJECT, [STAGE_TAG]: stage.stage, "managed-by": "cdktf" } }],
  });
}

/** Prefix of every resource name of a stage, e.g. `event-photos-dev`. */
export function namePrefix(stage: StageConfig): string {
  return `${PROJECT}-${stage.stage}`;
}
