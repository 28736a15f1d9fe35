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
 * The `sub` claims of GitHub's tokens for `repository` (`owner/name`). A job that names an
 * `environment:` gets `environment:<name>` instead of its ref, which is why deploys are trusted by
 * environment: the environment's protection rules (reviewers, allowed branches and tags) then apply.
 * https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export const githubSubject = {
  pullRequest: (repository: string) => `repo:${repository}:pull_request`,
  environment: (repository: string, environment: string) => `repo:${repository}:environment:${environment}`,
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
