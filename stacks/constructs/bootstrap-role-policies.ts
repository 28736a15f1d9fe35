/**
 * What the GitHub Actions roles may do, and what any function role of a stage can ever do.
 *
 * - The plan role (one, every stage) reads this project's resource configuration and state, never
 *   data (no photo objects, table items, log events, secrets): any pull request's workflow can use it.
 * - Each stage's deploy role manages that stage's resources only: by name prefix
 *   (`event-photos-<stage>-…`) where the service has resource-level permissions, by the `stage` tag
 *   where it has only tag conditions, and by resource type where it has neither (CloudFront's
 *   cache, response-headers and origin-access policies, API Gateway's routes, integrations and
 *   authorizers: see the README's "Deploying" section). It can create and change roles only with
 *   the stage's permissions boundary, and pass them to Lambda only.
 * - The boundary caps every function role of the stage, whatever its own policy says.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { PHOTOS_PREFIX, UPLOADS_PREFIX } from "../../functions/shared/contract";
import { PROJECT } from "../config";
import { STAGE_TAG, WEB_BUCKETS_PATTERN } from "../names";

/** Where the project's resources live: values known only when Terraform runs. */
export interface AccountScope {
  readonly partition: string;
  readonly accountId: string;
  /** ARN of the Terraform state bucket. */
  readonly stateBucketArn: string;
}

/** One stage, as its deploy role and boundary see it. */
export interface StageScope extends AccountScope {
  readonly stage: string;
  readonly region: string;
  /** The stage's key prefix in the state bucket (see stageStateKeyPrefix), ending in `/`. */
  readonly stateKeyPrefix: string;
  /** ARN of the stage's permissions boundary policy. */
  readonly boundaryArn: string;
}

/** Every key prefix a function may touch: the boundary's S3 cap. */
const OBJECT_PREFIXES = [UPLOADS_PREFIX, PHOTOS_PREFIX];

const DYNAMODB_ITEM_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
];

/** Actions with no resource-level permissions (IAM requires `*`); each returns no secret. */
const X_RAY_WRITES = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];

/**
 * The boundary of every role a stage's deploy role creates: the union of what the stage's
 * functions may do (stacks/function-access.ts grants each function its exact subset).
 */
export function boundaryStatements(scope: Omit<StageScope, "boundaryArn">): DataAwsIamPolicyDocumentStatement[] {
  const names = stageNames(scope);
  const onStageTag = [{ test: "StringEquals", variable: `aws:ResourceTag/${STAGE_TAG}`, values: [scope.stage] }];
  return [
    {
      sid: "StageObjects",
      actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      resources: OBJECT_PREFIXES.map((prefix) => `${names.buckets}/${prefix}*`),
    },
    { sid: "StageTables", actions: DYNAMODB_ITEM_ACTIONS, resources: [names.tables, names.tableIndexes] },
    {
      sid: "StageQueues",
      actions: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
      resources: [names.queues],
    },
    { sid: "StageTopics", actions: ["sns:Publish"], resources: [names.topics] },
    { sid: "OwnLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [names.functionLogGroups] },
    { sid: "Traces", actions: X_RAY_WRITES, resources: ["*"] },
    { sid: "StageInvalidations", actions: ["cloudfront:CreateInvalidation"], resources: [names.distributions], condition: onStageTag },
    { sid: "StageUsers", actions: ["cognito-idp:AdminGetUser", "cognito-idp:ListUsers"], resources: [names.userPools], condition: onStageTag },
  ];
}

/**
 * The plan role: configuration and state reads of every stage, no writes at all. Plans run with
 * `-lock=false` (PLAN_STEPS in scripts/plan/terraform.ts), so no `.tflock` object is needed;
 * granting its writes would let any pull request delete the lock of a running deploy.
 */
export function planRoleStatements(scope: AccountScope & { readonly stateKeyPrefixes: readonly string[] }): DataAwsIamPolicyDocumentStatement[] {
  const { partition, accountId } = scope;
  const project = `${PROJECT}-*`;
  const onProjectTag = [{ test: "StringEquals", variable: "aws:ResourceTag/project", values: [PROJECT] }];
  return [
    { sid: "ListState", actions: ["s3:ListBucket"], resources: [scope.stateBucketArn] },
    { sid: "ReadState", actions: ["s3:GetObject"], resources: scope.stateKeyPrefixes.map((prefix) => `${scope.stateBucketArn}/${prefix}*`) },
    // Bucket-level reads only (policy, CORS, versioning, tags...); objects would need s3:GetObject.
    {
      sid: "ReadBuckets",
      actions: ["s3:GetBucket*", "s3:GetAccelerateConfiguration", "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration"],
      resources: [`arn:${partition}:s3:::${project}`],
    },
    {
      sid: "ReadTables",
      actions: ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"],
      resources: [`arn:${partition}:dynamodb:*:${accountId}:table/${project}`],
    },
    {
      sid: "ReadFunctions",
      // Code and environment of this project's functions only (their environments hold no secrets).
      actions: ["lambda:Get*", "lambda:List*"],
      resources: [`arn:${partition}:lambda:*:${accountId}:function:${project}`],
    },
    {
      sid: "ReadFunctionRoles",
      actions: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoleTags"],
      resources: [`arn:${partition}:iam::${accountId}:role/${project}`],
    },
    {
      sid: "ReadLogGroups",
      actions: ["logs:ListTagsForResource", "logs:ListTagsLogGroup"],
      resources: [`arn:${partition}:logs:*:${accountId}:log-group:/aws/*/${project}`],
    },
    { sid: "ReadQueues", actions: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"], resources: [`arn:${partition}:sqs:*:${accountId}:${project}`] },
    {
      sid: "ReadTopics",
      actions: ["sns:GetTopicAttributes", "sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic", "sns:ListTagsForResource"],
      resources: [`arn:${partition}:sns:*:${accountId}:${project}`],
    },
    { sid: "ReadAlarms", actions: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"], resources: [`arn:${partition}:cloudwatch:*:${accountId}:alarm:${project}`] },
    { sid: "ReadWebAcls", actions: ["wafv2:GetWebACL", "wafv2:ListTagsForResource"], resources: [`arn:${partition}:wafv2:us-east-1:${accountId}:global/webacl/${project}/*`] },
    {
      // Distributions by tag: a distribution's origins may carry secret custom headers, and only this project's are read.
      sid: "ReadDistributions",
      actions: ["cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:ListTagsForResource"],
      resources: [`arn:${partition}:cloudfront::${accountId}:distribution/*`],
      condition: onProjectTag,
    },
    { sid: "ReadCdnPolicies", actions: CLOUDFRONT_POLICY_READS, resources: cloudfrontPolicyArns(partition, accountId) },
    { sid: "ReadCdnFunctions", actions: ["cloudfront:DescribeFunction", "cloudfront:GetFunction"], resources: [`arn:${partition}:cloudfront::${accountId}:function/${project}`] },
    // The web app's files are what its distribution serves to anyone; Terraform reads each object's metadata (HeadObject).
    { sid: "ReadWebAppFiles", actions: ["s3:GetObject", "s3:GetObjectTagging"], resources: [`arn:${partition}:s3:::${WEB_BUCKETS_PATTERN}/*`] },
    { sid: "ReadKeyValueStores", actions: KEY_VALUE_STORE_READS, resources: [keyValueStores(partition, accountId)] },
    {
      // By tag: DescribeUserPoolClient returns a client's secret (this project's client has none).
      sid: "ReadUserPools",
      actions: ["cognito-idp:DescribeUserPool", "cognito-idp:DescribeUserPoolClient", "cognito-idp:GetGroup", "cognito-idp:GetUserPoolMfaConfig", "cognito-idp:ListTagsForResource"],
      resources: [`arn:${partition}:cognito-idp:*:${accountId}:userpool/*`],
      condition: onProjectTag,
    },
    // HTTP APIs only: REST API keys (/apikeys) hold secrets.
    { sid: "ReadHttpApis", actions: ["apigateway:GET"], resources: [`arn:${partition}:apigateway:*::/apis`, `arn:${partition}:apigateway:*::/apis/*`, `arn:${partition}:apigateway:*::/tags/*`] },
    { sid: "ListWithoutResources", actions: LIST_ACTIONS, resources: ["*"] },
  ];
}

/**
 * CloudFront key value stores (the web app's CSP) are known by a generated id, carry no tags that
 * Terraform can set and have no name in their ARN: IAM can scope them only to the account.
 */
const keyValueStores = (partition: string, accountId: string) => `arn:${partition}:cloudfront::${accountId}:key-value-store/*`;
const KEY_VALUE_STORE_READS = ["cloudfront:DescribeKeyValueStore", "cloudfront-keyvaluestore:DescribeKeyValueStore", "cloudfront-keyvaluestore:GetKey", "cloudfront-keyvaluestore:ListKeys"];

/** List calls IAM cannot scope (no resource types); they return names and settings, no secrets. */
const LIST_ACTIONS = [
  "cloudfront:ListCachePolicies",
  "cloudfront:ListOriginAccessControls",
  "cloudfront:ListOriginRequestPolicies",
  "cloudfront:ListResponseHeadersPolicies",
  "logs:DescribeLogGroups",
  "logs:DescribeResourcePolicies",
];

const CLOUDFRONT_POLICY_TYPES = ["cache-policy", "origin-access-control", "origin-request-policy", "response-headers-policy"];
const CLOUDFRONT_POLICY_READS = [
  "cloudfront:GetCachePolicy",
  "cloudfront:GetOriginAccessControl",
  "cloudfront:GetOriginRequestPolicy",
  "cloudfront:GetResponseHeadersPolicy",
];
const cloudfrontPolicyArns = (partition: string, accountId: string) =>
  CLOUDFRONT_POLICY_TYPES.map((type) => `arn:${partition}:cloudfront::${accountId}:${type}/*`);

/** A stage's deploy role: its state, its resources, and roles under its boundary. */
export function deployRoleStatements(scope: StageScope): DataAwsIamPolicyDocumentStatement[] {
  const { partition, accountId, region, stage } = scope;
  const names = stageNames(scope);
  const tag = `aws:ResourceTag/${STAGE_TAG}`;
  const requestTag = `aws:RequestTag/${STAGE_TAG}`;
  const onStageTag = [{ test: "StringEquals", variable: tag, values: [stage] }];
  const taggedForStage = [{ test: "StringEquals", variable: requestTag, values: [stage] }];
  // Tagging the stage's resources, or new ones: never another stage's, never moving one to another stage.
  const tagsStayInStage = [{ test: "StringEqualsIfExists", variable: tag, values: [stage] }, { test: "StringEqualsIfExists", variable: requestTag, values: [stage] }];
  const keepsStageTag = [...onStageTag, { test: "ForAllValues:StringNotEquals", variable: "aws:TagKeys", values: [STAGE_TAG] }];
  const apis = `arn:${partition}:apigateway:${region}::/apis`;
  const roles = `arn:${partition}:iam::${accountId}:role/${names.prefix}`;

  return [
    { sid: "ListState", actions: ["s3:ListBucket"], resources: [scope.stateBucketArn] },
    { sid: "WriteStageState", actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [`${scope.stateBucketArn}/${scope.stateKeyPrefix}*`] },
    {
      sid: "ManageNamedResources",
      actions: ["s3:*", "dynamodb:*", "lambda:*", "sqs:*", "sns:*", "logs:*", "cloudwatch:*", "wafv2:*"],
      resources: [
        names.buckets,
        `${names.buckets}/*`,
        names.tables,
        names.tableIndexes,
        names.functions,
        names.queues,
        names.topics,
        names.functionLogGroups,
        names.apiLogGroups,
        `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${names.prefix}`,
        `arn:${partition}:wafv2:us-east-1:${accountId}:global/webacl/${names.prefix}/*`,
      ],
    },
    {
      sid: "ManageNamedCdnFunctions",
      actions: ["cloudfront:DescribeFunction", "cloudfront:GetFunction", "cloudfront:UpdateFunction", "cloudfront:PublishFunction", "cloudfront:TestFunction", "cloudfront:DeleteFunction"],
      resources: [`arn:${partition}:cloudfront::${accountId}:function/${names.prefix}`],
    },
    { sid: "CreateTaggedResources", actions: ["cloudfront:CreateDistribution", "cognito-idp:CreateUserPool"], resources: ["*"], condition: taggedForStage },
    { sid: "CreateTaggedApis", actions: ["apigateway:POST"], resources: [apis, `${apis}/*/stages`], condition: taggedForStage },
    {
      sid: "ManageTaggedDistributions",
      actions: ["cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution", "cloudfront:CreateInvalidation", "cloudfront:GetInvalidation", "cloudfront:ListTagsForResource"],
      resources: [names.distributions],
      condition: onStageTag,
    },
    {
      // Configuration only: no Admin* call on users (AdminSetUserPassword, AdminCreateUser...).
      sid: "ManageTaggedUserPools",
      actions: [
        "cognito-idp:DescribeUserPool",
        "cognito-idp:UpdateUserPool",
        "cognito-idp:DeleteUserPool",
        "cognito-idp:GetUserPoolMfaConfig",
        "cognito-idp:SetUserPoolMfaConfig",
        "cognito-idp:CreateUserPoolClient",
        "cognito-idp:DescribeUserPoolClient",
        "cognito-idp:UpdateUserPoolClient",
        "cognito-idp:DeleteUserPoolClient",
        "cognito-idp:CreateGroup",
        "cognito-idp:GetGroup",
        "cognito-idp:UpdateGroup",
        "cognito-idp:DeleteGroup",
        "cognito-idp:ListTagsForResource",
      ],
      resources: [names.userPools],
      condition: onStageTag,
    },
    { sid: "ManageTaggedApis", actions: ["apigateway:GET", "apigateway:PATCH", "apigateway:PUT", "apigateway:DELETE"], resources: [`${apis}/*`], condition: onStageTag },
    { sid: "TagStageResources", actions: ["cloudfront:TagResource", "cognito-idp:TagResource"], resources: [names.distributions, names.userPools], condition: tagsStayInStage },
    { sid: "UntagStageResources", actions: ["cloudfront:UntagResource", "cognito-idp:UntagResource"], resources: [names.distributions, names.userPools], condition: keepsStageTag },
    {
      // API Gateway's tag calls name the tagged resource only in the path, so IAM sees none of its
      // tags: these calls may never touch the stage tag (it is set when the API is created).
      sid: "TagApisOutsideStageTag",
      actions: ["apigateway:POST", "apigateway:DELETE"],
      resources: [`arn:${partition}:apigateway:${region}::/tags/*`],
      condition: [{ test: "ForAllValues:StringNotEquals", variable: "aws:TagKeys", values: [STAGE_TAG] }],
    },
    {
      // Routes, integrations, authorizers and deployments of an HTTP API carry no tags and inherit
      // none, so IAM can scope them only to the region's APIs. Routes and authorizers may only
      // be JWT-authorized: no deploy can open a route to anonymous callers.
      sid: "ManageUntaggableApiParts",
      actions: ["apigateway:GET", "apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"],
      resources: ["routes", "integrations", "authorizers", "deployments"].flatMap((part) => [`${apis}/*/${part}`, `${apis}/*/${part}/*`]),
      condition: [
        { test: "StringEqualsIfExists", variable: "apigateway:Request/RouteAuthorizationType", values: ["JWT"] },
        { test: "StringEqualsIfExists", variable: "apigateway:Request/AuthorizerType", values: ["JWT"] },
      ],
    },
    {
      sid: "ManageKeyValueStores",
      actions: [
        ...KEY_VALUE_STORE_READS,
        "cloudfront:UpdateKeyValueStore",
        "cloudfront:DeleteKeyValueStore",
        "cloudfront-keyvaluestore:PutKey",
        "cloudfront-keyvaluestore:DeleteKey",
        "cloudfront-keyvaluestore:UpdateKeys",
      ],
      resources: [keyValueStores(partition, accountId)],
    },
    {
      // Neither tags nor names: CloudFront's policies and origin access controls are known by id.
      sid: "ManageUntaggableCdnPolicies",
      actions: [
        ...CLOUDFRONT_POLICY_READS,
        "cloudfront:GetCachePolicyConfig",
        "cloudfront:GetOriginAccessControlConfig",
        "cloudfront:GetOriginRequestPolicyConfig",
        "cloudfront:GetResponseHeadersPolicyConfig",
        "cloudfront:UpdateCachePolicy",
        "cloudfront:UpdateOriginAccessControl",
        "cloudfront:UpdateOriginRequestPolicy",
        "cloudfront:UpdateResponseHeadersPolicy",
        "cloudfront:DeleteCachePolicy",
        "cloudfront:DeleteOriginAccessControl",
        "cloudfront:DeleteOriginRequestPolicy",
        "cloudfront:DeleteResponseHeadersPolicy",
      ],
      resources: cloudfrontPolicyArns(partition, accountId),
    },
    {
      // IAM allows these only on `*`. The log deliveries are what an HTTP API's access logs
      // create; the account's delivery policy for them comes from the bootstrap (no PutResourcePolicy).
      sid: "WithoutResources",
      actions: [
        ...LIST_ACTIONS,
        "cloudfront:CreateCachePolicy",
        "cloudfront:CreateOriginAccessControl",
        "cloudfront:CreateOriginRequestPolicy",
        "cloudfront:CreateResponseHeadersPolicy",
        "cloudfront:CreateFunction",
        "cloudfront:CreateKeyValueStore",
        "cloudfront:ListKeyValueStores",
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "wafv2:ListWebACLs",
      ],
      resources: ["*"],
    },
    {
      // Creating or changing a stage role's permissions needs the stage's boundary on it, so no
      // role can be made more powerful than a function may be. No managed policy may be attached.
      sid: "ChangeRolesUnderBoundary",
      actions: ["iam:CreateRole", "iam:PutRolePolicy", "iam:PutRolePermissionsBoundary", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription"],
      resources: [roles],
      condition: [{ test: "StringEquals", variable: "iam:PermissionsBoundary", values: [scope.boundaryArn] }],
    },
    {
      // Reading, tagging and taking permissions away cannot grant anything.
      sid: "ReadTagAndDeleteRoles",
      actions: [
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:ListRoleTags",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:DeleteRole",
      ],
      resources: [roles],
    },
    {
      sid: "PassRolesToLambda",
      actions: ["iam:PassRole"],
      resources: [roles],
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["lambda.amazonaws.com"] }],
    },
    {
      // The state bucket may share the prefix; the stacks never manage it, so nothing may reconfigure it.
      sid: "ProtectStateBucket",
      effect: "Deny",
      actions: ["s3:DeleteBucket*", "s3:PutBucket*", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration"],
      resources: [scope.stateBucketArn],
    },
  ];
}

/** ARN patterns of a stage's resources, by the name prefix or the ARN shape their service allows. */
function stageNames(scope: Omit<StageScope, "boundaryArn">) {
  const { partition, accountId, region, stage } = scope;
  const prefix = `${PROJECT}-${stage}-*`;
  const regional = (service: string) => `arn:${partition}:${service}:${region}:${accountId}`;
  return {
    prefix,
    buckets: `arn:${partition}:s3:::${prefix}`,
    tables: `${regional("dynamodb")}:table/${prefix}`,
    tableIndexes: `${regional("dynamodb")}:table/${prefix}/index/*`,
    functions: `${regional("lambda")}:function:${prefix}`,
    queues: `${regional("sqs")}:${prefix}`,
    topics: `${regional("sns")}:${prefix}`,
    functionLogGroups: `${regional("logs")}:log-group:/aws/lambda/${prefix}`,
    apiLogGroups: `${regional("logs")}:log-group:/aws/apigateway/${prefix}`,
    distributions: `arn:${partition}:cloudfront::${accountId}:distribution/*`,
    userPools: `${regional("cognito-idp")}:userpool/*`,
  };
}
