import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PROJECT, type StageConfig } from "./config";
import { STAGE_TAG } from "./names";

/** The AWS provider of a stage's stack: its region, and project and stage tags on every resource. */
export function declareAwsProvider(scope: Construct, stage: StageConfig): AwsProvider {
  return new AwsProvider(scope, "aws", { region: stage.region, defaultTags: stageTags(stage) });
}

/** The alias of the provider for us-east-1: where the global services (CloudFront's WAF) keep their resources. */
export const US_EAST_1_ALIAS = "us-east-1";

/**
 * A second provider for us-east-1 with the stage's tags, for resources CloudFront requires there:
 * a WAF web ACL of CLOUDFRONT scope can only be created in us-east-1.
 */
export function declareUsEast1Provider(scope: Construct, stage: StageConfig): AwsProvider {
  return new AwsProvider(scope, "aws-us-east-1", { alias: US_EAST_1_ALIAS, region: "us-east-1", defaultTags: stageTags(stage) });
}

function stageTags(stage: StageConfig) {
  return [{ tags: { project: PROJECT, [STAGE_TAG]: stage.stage, "managed-by": "cdktf" } }];
}

/** Prefix of every resource name of a stage, e.g. `event-photos-dev`. */
export function namePrefix(stage: StageConfig): string {
  return `${PROJECT}-${stage.stage}`;
}
