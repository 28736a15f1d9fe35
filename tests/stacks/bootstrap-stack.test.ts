import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { BOOTSTRAP_VARIABLES, BootstrapStack } from "../../stacks/bootstrap-stack";
import { BOOTSTRAP_STACK_NAME, REPOSITORY_VARIABLES } from "../../stacks/names";
import { PROJECT, STAGE_NAMES } from "../../stacks/config";
import { StackConfigError } from "../../stacks/errors";
import { GITHUB_OIDC } from "../../stacks/constructs/bootstrap-github-oidc";
import { PLAN_STEPS, runTerraform, terraformEnv } from "../../scripts/plan/terraform";
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform } from "../helpers/terraform";

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
  expect(sub?.test).toBe("StringEquals");
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

  test("the plan role trusts only this repository's pull requests", () => {
    expect(trustedSubjects("plan-role")).toEqual([`repo:\${var.${BOOTSTRAP_VARIABLES.githubRepository}}:pull_request`]);
  });

  test("the deploy role trusts only this repository's stage environments", () => {
    expect(trustedSubjects("deploy-role")).toEqual(
      STAGE_NAMES.map((stage) => `repo:\${var.${BOOTSTRAP_VARIABLES.githubRepository}}:environment:${stage}`),
    );
  });

  test("a deploy role trusting no environment is refused, naming the role", () => {
    const declare = () => new BootstrapStack(new App({ outdir }), "empty", { deployEnvironments: [] });
    expect(declare).toThrow(StackConfigError);
    expect(declare).toThrow(`role \`github-actions-${PROJECT}-deploy\` has no subjects`);
  });
});

describe("the roles' permissions", () => {
  test("the plan role reads no data and writes nothing, since plans take no state lock", () => {
    expect(PLAN_STEPS.plan("x.tfplan")).toContain("-lock=false");
    const plan = statements("plan-role/permissions");
    const writes = plan.filter((statement) => statement.actions?.some((action) => /:(\*|Put|Delete|Create|Update)/.test(action)));
    expect(writes).toEqual([]);
    const reads = plan.flatMap((statement) => statement.actions ?? []);
    const dataReads = /^(\*|s3:\*|s3:Get\*|s3:GetObject\*|dynamodb:\*|dynamodb:(Get|BatchGet|Query|Scan)|logs:\*|logs:(GetLogEvents|FilterLogEvents)|cognito-idp:\*|cognito-idp:(ListUsers|Admin)|sqs:\*|sqs:ReceiveMessage)/;
    expect(reads.filter((action) => dataReads.test(action))).toEqual([]);
    const getObject = plan.filter((statement) => statement.actions?.includes("s3:GetObject"));
    expect(getObject).toEqual([expect.objectContaining({ sid: "ReadState", resources: [expect.stringMatching(/^\$\{aws_s3_bucket\..+\.arn\}\/\*$/)] })]);
  });

  test("the deploy role manages IAM roles of the project's prefix only, which its own name lacks", () => {
    const deploy = statements("deploy-role/permissions");
    const iam = deploy.filter((statement) => statement.effect !== "Deny" && statement.actions?.some((action) => action.startsWith("iam:") && !/^iam:(Get|List)/.test(action)));
    for (const statement of iam) expect(statement.resources).toEqual([`arn:aws:iam::*:role/${PROJECT}-*`]);
    for (const role of Object.values(config.resource.aws_iam_role ?? {})) expect(String(role.name).startsWith(`${PROJECT}-`)).toBe(false);
  });

  test("the deploy role may not reconfigure or delete the state bucket", () => {
    const deny = statements("deploy-role/permissions").find((statement) => statement.effect === "Deny");
    expect(deny?.actions).toEqual(expect.arrayContaining(["s3:DeleteBucket*", "s3:PutBucket*"]));
    expect(deny?.resources).toEqual([expect.stringMatching(/^\$\{aws_s3_bucket\..+\.arn\}$/)]);
  });
});

describe("the synthesized stack", () => {
  test("outputs exactly the workflows' repository variables", () => {
    expect(Object.keys(config.output).sort()).toEqual(Object.values(REPOSITORY_VARIABLES).sort());
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
