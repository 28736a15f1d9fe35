/**
 * What the GitHub Actions roles may do. The plan role reads resource configuration but never data
 * (no photo objects, table items or log events: any pull request's workflow can use it); the deploy
 * role manages what the stage stacks declare, by name prefix wherever the resource has a name.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

export interface RolePolicyProps {
  /** ARN of the Terraform state bucket. */
  readonly stateBucketArn: string;
  /** Prefix of every named resource the stage stacks create (`${PROJECT}-`). */
  readonly resourcePrefix: string;
}

/**
 * Reads that `terraform plan` makes to refresh the stacks' resources: configuration only. A managed
 * ReadOnlyAccess policy would also let a pull request read photos, DynamoDB items and logs.
 */
const CONFIGURATION_READS = [
  "s3:GetBucket*", // bucket-level reads only (policy, CORS, versioning, tags...); objects need s3:GetObject
  "s3:GetAccelerateConfiguration",
  "s3:GetEncryptionConfiguration",
  "s3:GetLifecycleConfiguration",
  "s3:GetReplicationConfiguration",
  "cloudfront:Get*",
  "cloudfront:List*",
  "dynamodb:Describe*",
  "dynamodb:ListTagsOfResource",
  "cognito-idp:Describe*",
  "cognito-idp:GetGroup",
  "cognito-idp:GetLogDeliveryConfiguration",
  "cognito-idp:GetUserPoolMfaConfig",
  "cognito-idp:ListTagsForResource",
  "apigateway:GET",
  "lambda:Get*",
  "lambda:List*",
  "iam:Get*",
  "iam:List*",
  "logs:Describe*",
  "logs:ListTagsForResource",
  "logs:ListTagsLogGroup",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ListQueueTags",
  "cloudwatch:Describe*",
  "cloudwatch:ListTagsForResource",
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListResourceTags",
];

/**
 * The plan role: configuration and state reads, no writes at all. Plans run with `-lock=false`
 * (PLAN_STEPS in scripts/lib/terraform.ts), so no `.tflock` object is needed; granting its writes
 * would let any pull request delete the lock of a running deploy.
 */
export function planRoleStatements(props: RolePolicyProps): DataAwsIamPolicyDocumentStatement[] {
  return [
    { sid: "ReadConfiguration", actions: CONFIGURATION_READS, resources: ["*"] },
    { sid: "ListState", actions: ["s3:ListBucket"], resources: [props.stateBucketArn] },
    { sid: "ReadState", actions: ["s3:GetObject"], resources: [`${props.stateBucketArn}/*`] },
  ];
}

/** The deploy role: everything the plan role reads, plus changes to the stage stacks' resources and state. */
export function deployRoleStatements(props: RolePolicyProps): DataAwsIamPolicyDocumentStatement[] {
  const prefix = props.resourcePrefix;
  return [
    { sid: "ReadConfiguration", actions: CONFIGURATION_READS, resources: ["*"] },
    { sid: "ListState", actions: ["s3:ListBucket"], resources: [props.stateBucketArn] },
    { sid: "WriteState", actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [`${props.stateBucketArn}/*`] },
    {
      sid: "ManageNamedResources",
      actions: ["s3:*", "dynamodb:*", "lambda:*", "sqs:*", "logs:*", "cloudwatch:*"],
      resources: [
        `arn:aws:s3:::${prefix}*`,
        `arn:aws:dynamodb:*:*:table/${prefix}*`,
        `arn:aws:lambda:*:*:function:${prefix}*`,
        `arn:aws:sqs:*:*:${prefix}*`,
        `arn:aws:logs:*:*:log-group:*${prefix}*`,
        `arn:aws:cloudwatch:*:*:alarm:${prefix}*`,
      ],
    },
    {
      // These resources are known by generated IDs, not by names a prefix could match. Log
      // deliveries are what an HTTP API's access logging creates.
      sid: "ManageUnnamedResources",
      actions: [
        "cloudfront:*",
        "cognito-idp:*",
        "apigateway:*",
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
      ],
      resources: ["*"],
    },
    {
      sid: "ManageFunctionRoles",
      actions: [
        "iam:CreateRole",
        "iam:DeleteRole",
        "iam:UpdateRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
      ],
      resources: [`arn:aws:iam::*:role/${prefix}*`],
    },
    {
      sid: "PassFunctionRoles",
      actions: ["iam:PassRole"],
      resources: [`arn:aws:iam::*:role/${prefix}*`],
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["lambda.amazonaws.com"] }],
    },
    {
      // The state bucket may share the prefix; the stacks never manage it, so nothing may reconfigure it.
      sid: "ProtectStateBucket",
      effect: "Deny",
      actions: ["s3:DeleteBucket*", "s3:PutBucket*", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration"],
      resources: [props.stateBucketArn],
    },
  ];
}
