/**
 * The names of the stacks and of the outputs that people, workflows and scripts read: one small
 * module without cdktf, so the plan, the plan comment and the smoke test load it in milliseconds.
 */

/** Account-level stack, applied once by an administrator (README "Deploying"). */
export const BOOTSTRAP_STACK_NAME = "photos-bootstrap";

/** A stage's stacks, in deployment order. */
export function stageStackNames(stage: string) {
  return { infra: `photos-infra-${stage}`, api: `photos-api-${stage}`, web: `photos-web-${stage}` } as const;
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
  deployRoleArn: "AWS_DEPLOY_ROLE_ARN",
  stateBucket: "TF_STATE_BUCKET",
} as const;

/** The default tag every resource of a stage stack carries with the stage's name; the plan selects stacks by it. */
export const STAGE_TAG = "stage";
