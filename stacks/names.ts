/**
 * The names of the stacks and of the outputs that people, workflows and scripts read: one small
 * module without cdktf, so the plan, the plan comment and the smoke test load it in milliseconds.
 */
import { PROJECT } from "./config";

/** Account-level stack, applied once by an administrator (README "Deploying"). */
export const BOOTSTRAP_STACK_NAME = "photos-bootstrap";

/** A stage's stacks, in deployment order. */
export function stageStackNames(stage: string) {
  return { infra: `photos-infra-${stage}`, api: `photos-api-${stage}`, web: `photos-web-${stage}` } as const;
}

/** Name of function `fn` in a stage, e.g. `event-photos-dev-process-upload`. */
export function stageFunctionName(stage: string, fn: string): string {
  return `${PROJECT}-${stage}-${fn}`;
}

/** The queue a stage's function `fn` sends the events it gave up on to (its on-failure destination), e.g. `event-photos-dev-process-upload-failures`. */
export function failureQueueName(stage: string, fn: string): string {
  return `${stageFunctionName(stage, fn)}-failures`;
}

/** Output ids of the stage stacks (`cdktf output`, `cdktf deploy --outputs-file`). */
export const STAGE_OUTPUTS = {
  infra: { photosBaseUrl: "photos-base-url", userPoolId: "user-pool-id", userPoolClientId: "user-pool-client-id", webUrl: "web-url" },
  api: { apiUrl: "api-url" },
  web: { webConfig: "web-config" },
} as const;

/** The repository variables the workflows read; the bootstrap stack has one output of each name. */
export const REPOSITORY_VARIABLES = {
  region: "AWS_REGION",
  planRoleArn: "AWS_PLAN_ROLE_ARN",
  stateBucket: "TF_STATE_BUCKET",
} as const;

/**
 * The variables each stage's GitHub environment holds (a job with `environment:` reads them as
 * `vars.<name>`, before any repository variable of that name). The bootstrap stack outputs each
 * stage's value as `environmentOutput(stage, name)`.
 */
export const ENVIRONMENT_VARIABLES = {
  deployRoleArn: "AWS_DEPLOY_ROLE_ARN",
} as const;

/** The bootstrap output holding `variable` of stage `stage`'s GitHub environment, e.g. `dev_AWS_DEPLOY_ROLE_ARN`. */
export function environmentOutput(stage: string, variable: string): string {
  return `${stage}_${variable}`;
}

/** The workflow files the delivery roles trust (their OIDC subjects name them, see bootstrap-github-oidc.ts). */
export const WORKFLOW_FILES = { plan: "plan.yml", deploy: "deploy.yml" } as const;

/** The default tag every resource of a stage stack carries with the stage's name; the plan selects stacks by it. */
export const STAGE_TAG = "stage";

/** Name of a stage's permissions boundary: the bootstrap stack creates it, every function role of the stage carries it. */
export function boundaryPolicyName(stage: string): string {
  return `${PROJECT}-${stage}-function-boundary`;
}

/** The web app's bucket of a stage: only built app files, which its CloudFront distribution serves to anyone. */
export function webBucketName(stage: string, region: string): string {
  return `${PROJECT}-${stage}-web-${region}`;
}

/** Every stage's web app bucket, as an S3 ARN pattern (the plan role reads their objects' metadata). */
export const WEB_BUCKETS_PATTERN = `${PROJECT}-*-web-*`;
