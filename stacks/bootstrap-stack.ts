/**
 * Account-level resources the stage stacks and the GitHub workflows depend on, applied once per
 * AWS account by an administrator (local state): the Terraform state bucket, the GitHub OIDC
 * provider, the plan role, and per stage a deploy role and the permissions boundary of every role
 * that deploy role creates. Its outputs are the workflows' repository and environment variables.
 */
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { declareLocalBackend, stageStateKeyPrefix } from "./backend";
import { PROJECT, STAGE_NAMES, resolveStage, type StageConfig } from "./config";
import { StackConfigError } from "./errors";
import { GithubOidcProvider, githubSubject } from "./constructs/bootstrap-github-oidc";
import { GithubActionsRole } from "./constructs/bootstrap-github-role";
import { boundaryStatements, deployRoleStatements, planRoleStatements } from "./constructs/bootstrap-role-policies";
import { BootstrapStateBucket } from "./constructs/bootstrap-state-bucket";
import { ENVIRONMENT_VARIABLES, REPOSITORY_VARIABLES, WORKFLOW_FILES, boundaryPolicyName, environmentOutput } from "./names";

/** The Terraform variables the administrator sets (`TF_VAR_<name>` or `cdktf deploy --var`). */
export const BOOTSTRAP_VARIABLES = {
  githubRepository: "github_repository",
  stateBucketName: "state_bucket_name",
} as const;

export interface BootstrapStackProps {
  /** The stages that get a deploy role and a permissions boundary. @default every stage in STAGES */
  readonly stages?: readonly StageConfig[];
}

export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps = {}) {
    super(scope, id);
    const stages = props.stages ?? STAGE_NAMES.map((name) => resolveStage(name));
    checkStagesApart(stages);

    // The state of the bucket that holds all other state cannot live in that bucket.
    declareLocalBackend(this, id);
    new AwsProvider(this, "aws", { defaultTags: [{ tags: { project: PROJECT, stack: id, "managed-by": "cdktf" } }] });

    // Variables rather than synth-time settings: the synthesized stack stays the same on every
    // machine, and Terraform refuses to plan until the administrator sets them.
    const repository = requiredVariable(this, BOOTSTRAP_VARIABLES.githubRepository, {
      description: "The GitHub repository the workflows run in, as owner/name",
      pattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$",
      fix: "must be owner/name, e.g. acme/event-photos",
    });
    const stateBucketName = requiredVariable(this, BOOTSTRAP_VARIABLES.stateBucketName, {
      description: "Name of the S3 bucket to create for every stage's Terraform state (globally unique)",
      pattern: "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
      fix: "must be 3-63 lowercase letters, digits or dashes, starting and ending with a letter or digit",
    });

    const state = new BootstrapStateBucket(this, "state", { bucketName: stateBucketName });
    const oidc = new GithubOidcProvider(this, "github-oidc");
    const account = {
      partition: new DataAwsPartition(this, "partition").partition,
      accountId: new DataAwsCallerIdentity(this, "account").accountId,
      stateBucketArn: state.bucket.arn,
    };

    // Role names stay outside the `${PROJECT}-<stage>-` prefixes the deploy roles manage, so none can edit itself.
    const plan = new GithubActionsRole(this, "plan-role", {
      oidcProvider: oidc.provider,
      roleName: `github-actions-${PROJECT}-plan`,
      description: "GitHub Actions: terraform plan of pull requests (read-only)",
      subjects: [githubSubject.pullRequest(repository, WORKFLOW_FILES.plan)],
      statements: planRoleStatements({ ...account, stateKeyPrefixes: [...new Set(stages.map((stage) => `${stage.stateBackend.keyPrefix}/`))] }),
    });

    const region = new DataAwsRegion(this, "region");
    const outputs: Record<string, { value: string; description: string }> = {
      [REPOSITORY_VARIABLES.region]: { value: region.name, description: `Repository variable ${REPOSITORY_VARIABLES.region}` },
      [REPOSITORY_VARIABLES.planRoleArn]: { value: plan.role.arn, description: `Repository variable ${REPOSITORY_VARIABLES.planRoleArn}` },
      [REPOSITORY_VARIABLES.stateBucket]: { value: state.bucket.bucket, description: `Repository variable ${REPOSITORY_VARIABLES.stateBucket}` },
    };

    for (const stage of stages) {
      const boundary = new IamPolicy(this, `${stage.stage}-function-boundary`, {
        name: boundaryPolicyName(stage.stage),
        description: `Permissions boundary of every role the ${stage.stage} deploy role creates: the most any ${stage.stage} function may do`,
        policy: new DataAwsIamPolicyDocument(this, `${stage.stage}-function-boundary-document`, {
          statement: boundaryStatements({ ...account, ...stageScopeOf(stage) }),
        }).json,
      });
      const deploy = new GithubActionsRole(this, `${stage.stage}-deploy-role`, {
        oidcProvider: oidc.provider,
        roleName: `github-actions-${PROJECT}-${stage.stage}-deploy`,
        description: `GitHub Actions: cdktf deploy of stage ${stage.stage}, from its GitHub environment`,
        subjects: [githubSubject.environment(repository, stage.stage, WORKFLOW_FILES.deploy)],
        statements: deployRoleStatements({ ...account, ...stageScopeOf(stage), boundaryArn: boundary.arn }),
      });
      const name = environmentOutput(stage.stage, ENVIRONMENT_VARIABLES.deployRoleArn);
      outputs[name] = { value: deploy.role.arn, description: `Variable ${ENVIRONMENT_VARIABLES.deployRoleArn} of GitHub environment ${stage.stage}` };
    }

    // HTTP API access logs go through CloudWatch Logs' log delivery, which writes a resource policy
    // unless one already allows it. Declared here, per stage region, so no deploy role needs
    // logs:PutResourcePolicy, which IAM allows only on every log group of the account.
    for (const stageRegion of [...new Set(stages.map((stage) => stage.region))]) {
      const provider = new AwsProvider(this, `aws-${stageRegion}`, { alias: stageRegion, region: stageRegion });
      new CloudwatchLogResourcePolicy(this, `log-delivery-${stageRegion}`, {
        provider,
        policyName: `${PROJECT}-api-access-log-delivery`,
        policyDocument: new DataAwsIamPolicyDocument(this, `log-delivery-${stageRegion}-document`, {
          statement: [
            {
              sid: "DeliverApiAccessLogs",
              principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
              actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
              resources: [`arn:${account.partition}:logs:${stageRegion}:${account.accountId}:log-group:/aws/apigateway/${PROJECT}-*:log-stream:*`],
              condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] }],
            },
          ],
        }).json,
      });
    }

    for (const [name, output] of Object.entries(outputs)) new TerraformOutput(this, name, output);
  }
}

/** The stage facts its deploy role and boundary are scoped by. */
function stageScopeOf(stage: StageConfig) {
  return { stage: stage.stage, region: stage.region, stateKeyPrefix: stageStateKeyPrefix(stage.stateBackend.keyPrefix, stage.stage) };
}

/**
 * Deploy roles match resources by `event-photos-<stage>-*`: a stage whose name starts with another
 * stage's name and a dash (`dev` and `dev-eu`) would let the first stage's role manage the second's.
 */
function checkStagesApart(stages: readonly StageConfig[]): void {
  if (stages.length === 0) throw new StackConfigError("the bootstrap stack has no stages; list at least one in STAGES (stacks/config.ts)");
  for (const stage of stages) {
    const overlapping = stages.find((other) => other !== stage && other.stage.startsWith(`${stage.stage}-`));
    if (overlapping) {
      throw new StackConfigError(
        `stage \`${overlapping.stage}\` starts with \`${stage.stage}-\`: the deploy role of \`${stage.stage}\` would manage its resources; rename one of them`,
      );
    }
  }
}

/** A string variable without default whose value must match `pattern`; returns its value token. */
function requiredVariable(scope: Construct, name: string, spec: { description: string; pattern: string; fix: string }): string {
  const variable = new TerraformVariable(scope, name, { type: "string", description: spec.description });
  variable.addValidation({
    condition: Fn.can(Fn.regex(spec.pattern, variable.stringValue)),
    errorMessage: `${name} ${spec.fix}.`,
  });
  return variable.stringValue;
}
