/**
 * Account-level resources the stage stacks and the GitHub workflows depend on, applied once per
 * AWS account by an administrator (local state): the Terraform state bucket, the GitHub OIDC
 * provider, and the plan and deploy roles. Its outputs are the workflows' repository variables.
 */
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { declareLocalBackend } from "./backend";
import { PROJECT, STAGE_NAMES } from "./config";
import { GithubOidcProvider, githubSubject } from "./constructs/bootstrap-github-oidc";
import { GithubActionsRole } from "./constructs/bootstrap-github-role";
import { deployRoleStatements, planRoleStatements } from "./constructs/bootstrap-role-policies";
import { BootstrapStateBucket } from "./constructs/bootstrap-state-bucket";
import { REPOSITORY_VARIABLES } from "./names";

/** The Terraform variables the administrator sets (`TF_VAR_<name>` or `cdktf deploy --var`). */
export const BOOTSTRAP_VARIABLES = {
  githubRepository: "github_repository",
  stateBucketName: "state_bucket_name",
} as const;

export interface BootstrapStackProps {
  /** GitHub environments the deploy role trusts, one per stage. @default every stage in STAGES */
  readonly deployEnvironments?: readonly string[];
}

export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps = {}) {
    super(scope, id);
    const deployEnvironments = props.deployEnvironments ?? STAGE_NAMES;

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
    const policyProps = { stateBucketArn: state.bucket.arn, resourcePrefix: `${PROJECT}-` };

    // Role names stay outside the `${PROJECT}-` prefix the deploy role manages, so it cannot edit itself.
    const plan = new GithubActionsRole(this, "plan-role", {
      oidcProvider: oidc.provider,
      roleName: `github-actions-${PROJECT}-plan`,
      description: "GitHub Actions: terraform plan of pull requests (read-only)",
      subjects: [githubSubject.pullRequest(repository)],
      statements: planRoleStatements(policyProps),
    });
    const deploy = new GithubActionsRole(this, "deploy-role", {
      oidcProvider: oidc.provider,
      roleName: `github-actions-${PROJECT}-deploy`,
      description: "GitHub Actions: cdktf deploy of the stages, from their GitHub environments",
      subjects: deployEnvironments.map((environment) => githubSubject.environment(repository, environment)),
      statements: deployRoleStatements(policyProps),
    });

    const region = new DataAwsRegion(this, "region");
    const outputs: Record<(typeof REPOSITORY_VARIABLES)[keyof typeof REPOSITORY_VARIABLES], string> = {
      [REPOSITORY_VARIABLES.region]: region.name,
      [REPOSITORY_VARIABLES.planRoleArn]: plan.role.arn,
      [REPOSITORY_VARIABLES.deployRoleArn]: deploy.role.arn,
      [REPOSITORY_VARIABLES.stateBucket]: state.bucket.bucket,
    };
    for (const [name, value] of Object.entries(outputs)) {
      new TerraformOutput(this, name, { value, description: `Repository variable ${name}` });
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
