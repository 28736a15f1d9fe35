import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { BOOTSTRAP_VARIABLES, BootstrapStack } from "../../stacks/bootstrap-stack";
import { BOOTSTRAP_STACK_NAME, ENVIRONMENT_VARIABLES, REPOSITORY_VARIABLES, WORKFLOW_FILES, environmentOutput } from "../../stacks/names";
import { PROJECT, STAGE_NAMES, checkStage, resolveStage } from "../../stacks/config";
import { accessStatements } from "../../stacks/function-access";
import { FUNCTIONS, FUNCTION_NAMES, type FunctionAccess } from "../../functions/shared/contract";
import { StackConfigError } from "../../stacks/errors";
import { GITHUB_OIDC } from "../../stacks/constructs/bootstrap-github-oidc";
import { PLAN_STEPS, runTerraform, terraformEnv } from "../../scripts/plan/terraform";
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform } from "../helpers/terraform";
import { allowsAction, deployRoleViolations, starResourceViolations, unknownNames } from "../helpers/iam-policy";

const REPOSITORY = `\${var.${BOOTSTRAP_VARIABLES.githubRepository}}`;
const ACCOUNT = "123456789012";
/**
 * Deploy-role statements scoped neither by the stage's names nor by its tag, because AWS offers
 * neither there (README "Deploying" lists them): state listing, API Gateway's untaggable API parts
 * and tag calls, CloudFront's id-only policies, and the actions IAM allows only on `*`.
 */
const UNSCOPABLE_SIDS = ["ListState", "TagApisOutsideStageTag", "ManageUntaggableApiParts", "ManageUntaggableCdnPolicies", "ManageKeyValueStores", "WithoutResources"];

/** Statements with the partition and account tokens replaced by concrete values, for ARN matching. */
function resolved(list: Statement[]): Statement[] {
  return JSON.parse(
    JSON.stringify(list)
      .replace(/\$\{data\.aws_partition\.[^}]+\}/g, "aws")
      .replace(/\$\{data\.aws_caller_identity\.[^}]+\}/g, ACCOUNT),
  ) as Statement[];
}

interface Statement {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  condition?: Array<{ test: string; variable: string; values: string[] }>;
}
type Resources = Record<string, Record<string, Record<string, unknown>>>;

let outdir: string;
let stackDir: string;
let json: string;
let config: { terraform: Record<string, unknown>; resource: Resources; data: Resources; output: Record<string, unknown>; variable: Record<string, unknown> };

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), "bootstrap-synth-"));
  const app = new App({ outdir });
  new BootstrapStack(app, BOOTSTRAP_STACK_NAME);
  app.synth();
  stackDir = join(outdir, "stacks", BOOTSTRAP_STACK_NAME);
  json = readFileSync(join(stackDir, "cdk.tf.json"), "utf8");
  config = JSON.parse(json);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The one resource (or data source) of a type, failing when there are more or none. */
function only(block: Resources, type: string): Record<string, unknown> {
  const all = Object.values(block[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0] as Record<string, unknown>;
}

/** A policy document data source's statements, found by the construct path it was declared at. */
function statements(path: string): Statement[] {
  const documents = Object.values(config.data.aws_iam_policy_document ?? {}) as Array<{ "//": { metadata: { path: string } }; statement: Statement[] }>;
  const document = documents.find((doc) => doc["//"].metadata.path === `${BOOTSTRAP_STACK_NAME}/${path}`);
  if (!document) throw new Error(`no policy document at ${path}`);
  return document.statement;
}

function trustedSubjects(role: string): string[] {
  const [trust] = statements(`${role}/trust`);
  const conditions = trust?.condition ?? [];
  expect(conditions).toContainEqual({ test: "StringEquals", variable: `${GITHUB_OIDC.host}:aud`, values: [GITHUB_OIDC.audience] });
  const sub = conditions.find((condition) => condition.variable === `${GITHUB_OIDC.host}:sub`);
  // StringLike for the git ref alone; each subject fixes repository, context and workflow file.
  expect(sub?.test).toBe("StringLike");
  for (const subject of sub?.values ?? []) expect(subject.indexOf("*")).toBe(subject.length - 1);
  return sub?.values ?? [];
}

describe("the state bucket", () => {
  test("is versioned, encrypted, owner-enforced, fully blocked from public access and kept on destroy", () => {
    const bucket = only(config.resource, "aws_s3_bucket");
    expect(bucket.bucket).toBe(`\${var.${BOOTSTRAP_VARIABLES.stateBucketName}}`);
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(only(config.resource, "aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(JSON.stringify(only(config.resource, "aws_s3_bucket_server_side_encryption_configuration"))).toContain('"sse_algorithm":"AES256"');
    expect(only(config.resource, "aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    const block = only(config.resource, "aws_s3_bucket_public_access_block");
    for (const flag of ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]) {
      expect(block[flag]).toBe(true);
    }
  });

  test("refuses every request that is not over TLS", () => {
    expect(statements("state/tls-only")).toEqual([
      expect.objectContaining({
        effect: "Deny",
        actions: ["s3:*"],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      }),
    ]);
  });
});

describe("GitHub OIDC", () => {
  test("the identity provider is GitHub's issuer with the STS audience", () => {
    const provider = only(config.resource, "aws_iam_openid_connect_provider");
    expect(provider.url).toBe("https://token.actions.githubusercontent.com");
    expect(provider.client_id_list).toEqual(["sts.amazonaws.com"]);
  });

  test("the plan role trusts only this repository's pull requests, run by plan.yml", () => {
    expect(trustedSubjects("plan-role")).toEqual([`repo:${REPOSITORY}:pull_request:job_workflow_ref:${REPOSITORY}/.github/workflows/${WORKFLOW_FILES.plan}@refs/pull/*`]);
  });

  test.each(STAGE_NAMES)("the %s deploy role trusts only its GitHub environment, run by deploy.yml", (stage) => {
    expect(trustedSubjects(`${stage}-deploy-role`)).toEqual([`repo:${REPOSITORY}:environment:${stage}:job_workflow_ref:${REPOSITORY}/.github/workflows/${WORKFLOW_FILES.deploy}@refs/*`]);
  });

  test("one role per stage: no deploy role trusts two environments", () => {
    const deployRoles = Object.values(config.resource.aws_iam_role ?? {}).filter((role) => String(role.name).endsWith("-deploy"));
    expect(deployRoles.map((role) => role.name).sort()).toEqual(STAGE_NAMES.map((stage) => `github-actions-${PROJECT}-${stage}-deploy`).sort());
  });

  test("a bootstrap without stages is refused", () => {
    const declare = () => new BootstrapStack(new App({ outdir }), "empty", { stages: [] });
    expect(declare).toThrow(StackConfigError);
    expect(declare).toThrow("the bootstrap stack has no stages");
  });

  test("a stage named like another stage and a dash is refused: one role would manage both", () => {
    const stages = ["dev", "dev-eu"].map((stage) => checkStage(stage, { region: "eu-west-1", allowedOrigins: ["https://a.example.com"] }));
    expect(() => new BootstrapStack(new App({ outdir }), "overlap", { stages })).toThrow(
      "stage `dev-eu` starts with `dev-`: the deploy role of `dev` would manage its resources; rename one of them",
    );
  });
});

describe("every policy the bootstrap declares", () => {
  const documents = () => Object.values(config.data.aws_iam_policy_document ?? {}).map((doc) => doc as unknown as { "//": { metadata: { path: string } }; statement: Statement[] });

  test("names only actions and condition keys that AWS defines", async () => {
    const problems = await Promise.all(documents().map((doc) => unknownNames(doc.statement)));
    expect(problems.flat()).toEqual([]);
  });

  test("CKV_AWS_355 / CKV_AWS_356: grants `*` only for exact actions that IAM cannot scope", async () => {
    const problems = await Promise.all(documents().map((doc) => starResourceViolations(doc.statement)));
    expect(problems.flat()).toEqual([]);
  });
});

describe("the plan role", () => {
  test("reads no data and writes nothing, since plans take no state lock", () => {
    expect(PLAN_STEPS.plan("x.tfplan")).toContain("-lock=false");
    const plan = statements("plan-role/permissions");
    const writes = plan.filter((statement) => statement.actions?.some((action) => /:(\*|Put|Delete|Create|Update|Tag|Untag)/.test(action)));
    expect(writes).toEqual([]);
    // The web app's files are public (its distribution serves them to anyone): the one object read besides the state.
    const reads = plan.filter((statement) => statement.sid !== "ReadWebAppFiles").flatMap((statement) => statement.actions ?? []);
    expect(plan.find((statement) => statement.sid === "ReadWebAppFiles")?.resources).toEqual([`arn:\${data.aws_partition.partition.partition}:s3:::${PROJECT}-*-web-*/*`]);
    const dataReads = /^(\*|s3:\*|s3:Get\*|s3:GetObject\*|dynamodb:\*|dynamodb:(Get|BatchGet|Query|Scan)|logs:\*|logs:(GetLogEvents|FilterLogEvents)|cognito-idp:\*|cognito-idp:(ListUsers|Admin)|sqs:\*|sqs:ReceiveMessage)/;
    expect(reads.filter((action) => dataReads.test(action))).toEqual([]);
  });

  test("reads state under the project's key prefix only", () => {
    const getObject = statements("plan-role/permissions").filter((statement) => statement.actions?.includes("s3:GetObject") && statement.sid !== "ReadWebAppFiles");
    expect(getObject).toEqual([expect.objectContaining({ sid: "ReadState", resources: [expect.stringMatching(new RegExp(`^\\$\\{aws_s3_bucket\\..+\\.arn\\}/${PROJECT}/\\*$`))] })]);
  });

  test("has no secret-returning read on `*`: functions, user pools, APIs and distributions are this project's only", () => {
    const plan = resolved(statements("plan-role/permissions"));
    const onStar = plan.filter((statement) => statement.resources?.includes("*")).flatMap((statement) => statement.actions ?? []);
    expect(onStar.every((action) => /^[a-z0-9-]+:(List|Describe)[A-Za-z]+$/.test(action))).toBe(true);
    expect(allowsAction(plan, "lambda:GetFunction", `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:someone-elses`)).toBe(false);
    expect(allowsAction(plan, "lambda:GetFunction", `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${PROJECT}-prod-get-photo`)).toBe(true);
    expect(allowsAction(plan, "apigateway:GET", "arn:aws:apigateway:eu-west-1::/apikeys/abc")).toBe(false);
    for (const sid of ["ReadUserPools", "ReadDistributions"]) {
      expect(plan.find((statement) => statement.sid === sid)?.condition).toEqual([{ test: "StringEquals", variable: "aws:ResourceTag/project", values: [PROJECT] }]);
    }
  });
});

describe.each(STAGE_NAMES)("the %s deploy role", (stage) => {
  const other = STAGE_NAMES.find((name) => name !== stage) ?? "";
  const deploy = () => resolved(statements(`${stage}-deploy-role/permissions`));
  const boundaryArn = () => `\${aws_iam_policy.${stage}-function-boundary.arn}`;

  test("CKV_AWS_286 / CKV_AWS_110: walks clean: no role created or changed without the boundary, no service wildcard on `*`", async () => {
    expect(await deployRoleViolations(deploy(), boundaryArn())).toEqual([]);
  });

  test("writes only its own stage's state", () => {
    const writes = deploy().filter((statement) => statement.actions?.includes("s3:PutObject") && statement.resources?.some((arn) => arn.includes("aws_s3_bucket.state")));
    expect(writes.flatMap((statement) => statement.resources)).toEqual([expect.stringMatching(new RegExp(`\\.arn\\}/${PROJECT}/${stage}/\\*$`))]);
  });

  test(`names no ${other} resource, and reaches ${other}'s only where AWS offers neither names nor tags`, () => {
    for (const statement of deploy().filter((entry) => entry.effect !== "Deny")) {
      expect(JSON.stringify(statement)).not.toContain(`${PROJECT}-${other}-`);
      const scoped =
        statement.resources?.every((arn) => arn.includes(`${PROJECT}-${stage}-`) || arn.includes("aws_s3_bucket.state")) ||
        statement.condition?.some((entry) => /^aws:(Resource|Request)Tag\/stage$/.test(entry.variable) && entry.values.join() === stage);
      if (!scoped) expect(UNSCOPABLE_SIDS).toContain(statement.sid);
    }
  });

  test("passes roles to Lambda only, and may attach no managed policy", () => {
    const actions = deploy().flatMap((statement) => statement.actions ?? []);
    expect(actions).not.toContain("iam:AttachRolePolicy");
    expect(deploy().find((statement) => statement.actions?.includes("iam:PassRole"))?.condition).toEqual([
      { test: "StringEquals", variable: "iam:PassedToService", values: ["lambda.amazonaws.com"] },
    ]);
  });

  test("may not reconfigure or delete the state bucket", () => {
    const deny = deploy().find((statement) => statement.effect === "Deny");
    expect(deny?.actions).toEqual(expect.arrayContaining(["s3:DeleteBucket*", "s3:PutBucket*"]));
    expect(deny?.resources).toEqual([expect.stringMatching(/^\$\{aws_s3_bucket\..+\.arn\}$/)]);
  });

  test("has no user-data or password action on user pools", () => {
    const actions = deploy().flatMap((statement) => statement.actions ?? []).filter((action) => action.startsWith("cognito-idp:"));
    expect(actions.filter((action) => /:(Admin|ListUsers|SetUserSettings|\*)/.test(action))).toEqual([]);
  });
});

describe.each(STAGE_NAMES)("the %s permissions boundary", (stage) => {
  const other = STAGE_NAMES.find((name) => name !== stage) ?? "";
  const boundary = () => resolved(statements(`${stage}-function-boundary-document`));
  const targets = (name: string) => {
    const region = resolveStage(name).region;
    return {
      tableArn: `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${PROJECT}-${name}-photos`,
      bucketArn: `arn:aws:s3:::${resolveStage(name).bucketName}`,
      userPoolArn: `arn:aws:cognito-idp:${region}:${ACCOUNT}:userpool/${region}_abc`,
      distributionArn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E123`,
    };
  };
  // Every kind of contract access, including those no function uses yet (indexes, users, CDN).
  const everyKind: FunctionAccess = {
    tableIndexes: { "user-events": ["dynamodb:Query"] },
    userPool: ["cognito-idp:AdminGetUser", "cognito-idp:ListUsers"],
    cdn: ["cloudfront:CreateInvalidation"],
  };
  const granted = (name: string) =>
    [...FUNCTION_NAMES.map((fn) => FUNCTIONS[fn].access), everyKind].flatMap((access) => accessStatements(access, targets(name))).flatMap((statement) =>
      (statement.actions ?? []).flatMap((action) => (statement.resources ?? []).map((resource) => [action, resource] as const)),
    );

  test("allows what every function's contract access grants on this stage's resources", () => {
    const refused = granted(stage).filter(([action, resource]) => !allowsAction(boundary(), action, resource));
    expect(refused).toEqual([]);
  });

  test(`allows none of it on ${other}'s named resources; users and invalidations only on resources tagged ${stage}`, () => {
    const leaked = granted(other).filter(([action, resource]) => allowsAction(boundary(), action, resource) && !/:(userpool|distribution)\//.test(resource));
    expect(leaked).toEqual([]);
    for (const sid of ["StageInvalidations", "StageUsers"]) {
      expect(boundary().find((statement) => statement.sid === sid)?.condition).toEqual([{ test: "StringEquals", variable: "aws:ResourceTag/stage", values: [stage] }]);
    }
  });

  test("allows the functions' runtime: own logs, traces, failure queues", () => {
    const region = resolveStage(stage).region;
    expect(allowsAction(boundary(), "logs:PutLogEvents", `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${PROJECT}-${stage}-get-photo:*`)).toBe(true);
    expect(allowsAction(boundary(), "xray:PutTraceSegments", "*")).toBe(true);
    expect(allowsAction(boundary(), "sqs:SendMessage", `arn:aws:sqs:${region}:${ACCOUNT}:${PROJECT}-${stage}-process-upload-failures`)).toBe(true);
  });

  test("allows nothing beyond S3, DynamoDB, SQS, SNS, logs, X-Ray, CloudFront invalidations and Cognito user reads", () => {
    const services = new Set(boundary().flatMap((statement) => statement.actions ?? []).map((action) => action.split(":")[0]));
    expect([...services].sort()).toEqual(["cloudfront", "cognito-idp", "dynamodb", "logs", "s3", "sns", "sqs", "xray"]);
    expect(boundary().flatMap((statement) => statement.actions ?? []).filter((action) => action.includes("*"))).toEqual([]);
  });
});

describe("the account's log delivery", () => {
  test("lets CloudWatch Logs deliver this project's API access logs in every stage region, so no deploy role needs logs:PutResourcePolicy", () => {
    const policies = Object.values(config.resource.aws_cloudwatch_log_resource_policy ?? {});
    expect(policies).toHaveLength(new Set(STAGE_NAMES.map((stage) => resolveStage(stage).region)).size);
    const [delivery] = statements(`log-delivery-${resolveStage("dev").region}-document`);
    expect(delivery).toMatchObject({
      principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [expect.stringContaining(`:log-group:/aws/apigateway/${PROJECT}-*:log-stream:*`)],
    });
    for (const stage of STAGE_NAMES) {
      expect(statements(`${stage}-deploy-role/permissions`).flatMap((statement) => statement.actions ?? [])).not.toContain("logs:PutResourcePolicy");
    }
  });
});

describe("the deploy-role walker", () => {
  const boundaryArn = "arn:aws:iam::123456789012:policy/b";

  test("finds the path to admin: roles created, given policies and passed without the boundary", async () => {
    const escalating: Statement[] = [
      { sid: "ManageFunctionRoles", actions: ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"], resources: ["arn:aws:iam::*:role/event-photos-*"] },
      { sid: "PassAny", actions: ["iam:PassRole"], resources: ["arn:aws:iam::*:role/event-photos-*"] },
      { sid: "Everything", actions: ["cloudfront:*", "cognito-idp:*"], resources: ["*"] },
      { sid: "EditBoundary", actions: ["iam:CreatePolicyVersion", "iam:DeleteRolePermissionsBoundary"], resources: [boundaryArn] },
    ];
    expect(await deployRoleViolations(escalating, boundaryArn)).toEqual([
      "ManageFunctionRoles: iam:CreateRole without the boundary condition",
      "ManageFunctionRoles: iam:PutRolePolicy without the boundary condition",
      "ManageFunctionRoles: iam:AttachRolePolicy without the boundary condition",
      "ManageFunctionRoles: iam:AttachRolePolicy of any policy",
      "ManageFunctionRoles: iam:UpdateAssumeRolePolicy without the boundary condition",
      "PassAny: iam:PassRole to any service",
      "Everything: service wildcard cloudfront:* on *",
      "Everything: service wildcard cognito-idp:* on *",
      "EditBoundary: iam:CreatePolicyVersion may change permissions",
      "EditBoundary: iam:DeleteRolePermissionsBoundary may change permissions",
    ]);
  });

  test("accepts a boundary condition on another policy as no condition", async () => {
    const other = [{ sid: "S", actions: ["iam:CreateRole"], resources: ["*"], condition: [{ test: "StringEquals", variable: "iam:PermissionsBoundary", values: ["arn:aws:iam::123456789012:policy/other"] }] }];
    expect(await deployRoleViolations(other, boundaryArn)).toEqual(["S: iam:CreateRole without the boundary condition"]);
  });

  test("the `*` check refuses patterns and actions IAM can scope", async () => {
    expect(await starResourceViolations([{ sid: "S", actions: ["s3:GetObject", "logs:Describe*", "xray:PutTraceSegments"], resources: ["*"] }])).toEqual([
      "S: s3:GetObject has resource-level permissions but is granted on *",
      "S: logs:Describe* on *",
    ]);
    expect(await unknownNames([{ sid: "S", actions: ["s3:GetObjekt"], condition: [{ test: "Null", variable: "s3:if-none-match", values: ["true"] }] }])).toEqual(["S: no action s3:GetObjekt"]);
  });
});

describe("the synthesized stack", () => {
  test("outputs exactly the workflows' repository variables and each stage's environment variables", () => {
    const environment = STAGE_NAMES.flatMap((stage) => Object.values(ENVIRONMENT_VARIABLES).map((variable) => environmentOutput(stage, variable)));
    expect(Object.keys(config.output).sort()).toEqual([...Object.values(REPOSITORY_VARIABLES), ...environment].sort());
  });

  test("keeps its state locally, at a relative path, and holds no machine-specific value", () => {
    expect(config.terraform.backend).toEqual({ local: { path: `../../../terraform.${BOOTSTRAP_STACK_NAME}.tfstate` } });
    expect(json).not.toContain(outdir);
    expect(json).not.toContain(process.cwd());
  });
});

describeWithTerraform("terraform validate of the bootstrap stack", () => {
  test(
    "is valid Terraform for the pinned AWS provider",
    async () => {
      const env = await terraformEnv(outdir);
      // No backend: validation needs neither state nor credentials.
      await runTerraform(["init", "-backend=false", "-input=false", "-no-color"], { cwd: stackDir, env });
      const result = JSON.parse(await runTerraform(["validate", "-json", "-no-color"], { cwd: stackDir, env })) as {
        valid: boolean;
        diagnostics: unknown[];
      };
      expect(result.diagnostics).toEqual([]);
      expect(result.valid).toBe(true);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
