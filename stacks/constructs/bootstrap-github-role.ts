import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { StackConfigError } from "../errors";
import { GITHUB_OIDC } from "./bootstrap-github-oidc";

export interface GithubActionsRoleProps {
  /** The OIDC provider the role trusts. */
  readonly oidcProvider: IamOpenidConnectProvider;
  /** The `sub` claims allowed to assume the role (see `githubSubject`; `*` stands for the git ref). */
  readonly subjects: readonly string[];
  /** The role's name. */
  readonly roleName: string;
  /** What the role is for, shown in the IAM console. */
  readonly description: string;
  /** The role's only permissions (an inline policy). */
  readonly statements: readonly DataAwsIamPolicyDocumentStatement[];
  /** Longest session a workflow can ask for, in seconds. @default 3600 */
  readonly maxSessionDurationSeconds?: number;
}

/** A role that GitHub Actions assumes with `AssumeRoleWithWebIdentity`, only from the listed subjects. */
export class GithubActionsRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: GithubActionsRoleProps) {
    super(scope, id);
    if (props.subjects.length === 0) {
      throw new StackConfigError(`role \`${props.roleName}\` has no subjects; list the \`sub\` claims (or, for the deploy role, the environments) that may assume it`);
    }
    const maxSessionDuration = props.maxSessionDurationSeconds ?? 3600;

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [props.oidcProvider.arn] }],
          condition: [
            { test: "StringEquals", variable: `${GITHUB_OIDC.host}:aud`, values: [GITHUB_OIDC.audience] },
            // StringLike for the ref alone: every subject fixes repository, context and workflow file.
            { test: "StringLike", variable: `${GITHUB_OIDC.host}:sub`, values: [...props.subjects] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration,
    });

    const permissions = new DataAwsIamPolicyDocument(this, "permissions", { statement: [...props.statements] });
    new IamRolePolicy(this, "policy", { role: this.role.id, name: "permissions", policy: permissions.json });
  }
}
