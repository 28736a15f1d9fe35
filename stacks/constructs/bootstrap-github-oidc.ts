import { Construct } from "constructs";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";

/** GitHub's OIDC issuer, and the audience aws-actions/configure-aws-credentials asks tokens for. */
const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC = {
  url: `https://${GITHUB_OIDC_HOST}`,
  host: GITHUB_OIDC_HOST,
  audience: "sts.amazonaws.com",
} as const;

/**
 * The claims the repository's `sub` carries once its administrator sets GitHub's OIDC subject
 * template to these keys (README "Deploying", step 2). AWS checks only `sub` and `aud` of a GitHub
 * token, so the workflow file can be pinned only through `sub`.
 * https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#customizing-the-subject-claims-for-an-organization-or-repository
 */
export const GITHUB_SUBJECT_CLAIM_KEYS = ["repo", "context", "job_workflow_ref"] as const;

/**
 * The `sub` claims of GitHub's tokens for `repository` (`owner/name`) under that template: the
 * context (a pull request, or the job's `environment:`), then the workflow file and ref that runs
 * the job. A job that names an environment is trusted by it: the environment's protection rules
 * (reviewers, allowed branches and tags) decide which refs may run. The ref is the only wildcard.
 */
export const githubSubject = {
  pullRequest: (repository: string, workflowFile: string) =>
    `repo:${repository}:pull_request:job_workflow_ref:${repository}/.github/workflows/${workflowFile}@refs/pull/*`,
  environment: (repository: string, environment: string, workflowFile: string) =>
    `repo:${repository}:environment:${environment}:job_workflow_ref:${repository}/.github/workflows/${workflowFile}@refs/*`,
};

/** The account's GitHub Actions OIDC identity provider (one per account and issuer). */
export class GithubOidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // No thumbprint_list: since 2023 IAM verifies GitHub's certificate against its own trusted CAs
    // and ignores thumbprints, and provider 5.x makes the argument optional.
    this.provider = new IamOpenidConnectProvider(this, "provider", {
      url: GITHUB_OIDC.url,
      clientIdList: [GITHUB_OIDC.audience],
    });
  }
}
