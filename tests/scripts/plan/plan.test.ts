import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planStage, type StagePlan } from "../../../scripts/plan/plan";
import { PLACEHOLDER_ACCOUNT_ID } from "../../../scripts/plan/offline-plan";
import { renderStackSummary, renderStageSummary, stackChanges } from "../../../scripts/plan/plan-summary";
import { writeTestArtifacts } from "../../helpers/function-artifacts";
import { PLAN_RULES, checkPlanPolicy, first, plannedResources, type PlannedResource } from "../../helpers/plan-policy";
import { resolveStage, type StageName } from "../../../stacks/config";
import { synthStages } from "../../helpers/stage-synth";
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform } from "../../helpers/terraform";

const RULE_NAMES = Object.keys(PLAN_RULES);

/** Synthesizes and plans one stage offline in a scratch directory, for the tests of one describe. */
function offlinePlan(stage: StageName) {
  const rootDir = mkdtempSync(join(tmpdir(), "photos-plan-test-"));
  const planned = { rootDir, outdir: join(rootDir, "cdktf.out"), plansDir: join(rootDir, "plans"), progress: [] as string[], result: undefined as unknown as StagePlan, resources: [] as PlannedResource[] };
  beforeAll(async () => {
    synthStages({ outdir: planned.outdir, rootDir, manifest: await writeTestArtifacts(rootDir), stages: [stage] });
    planned.result = await planStage({ stage, outdir: planned.outdir, plansDir: planned.plansDir, offline: true, workDir: join(rootDir, "work"), log: (line) => planned.progress.push(line) });
    planned.resources = planned.result.stacks.flatMap((stack) => plannedResources(stack.plan));
  }, TERRAFORM_TIMEOUT_MS);
  afterAll(() => rmSync(rootDir, { recursive: true, force: true }));
  return planned;
}

describeWithTerraform("offline plan of the prod stage", () => {
  const planned = offlinePlan("prod");

  // Prod differs from dev in tracing, throttling, retention and deletion protection.
  test.each(RULE_NAMES)("%s", (rule) => {
    expect(PLAN_RULES[rule]?.(planned.resources, resolveStage("prod"))).toEqual([]);
  });
});

describeWithTerraform("offline plan of the dev stage", () => {
  const planned = offlinePlan("dev");
  const dev = resolveStage("dev");
  let result: StagePlan;
  let resources: PlannedResource[];
  let plansDir: string;
  let progress: string[];
  beforeAll(() => {
    ({ result, resources, plansDir, progress } = planned);
  });

  test.each(RULE_NAMES)("%s", (rule) => {
    expect(PLAN_RULES[rule]?.(resources, dev)).toEqual([]);
  });

  test("plans the infra stack before the api stack that reads it, and the web stack that reads both last", () => {
    expect(result.stacks.map((stack) => stack.stack)).toEqual(["photos-infra-dev", "photos-api-dev", "photos-web-dev"]);
    const steps = progress.filter((line) => /^\[[^\]]+\] terraform \w+/.test(line));
    expect(steps).toEqual(
      ["photos-infra-dev", "photos-api-dev", "photos-web-dev"].flatMap((stack) => ["init", "validate", "plan", "show -json"].map((step) => `[${stack}] terraform ${step}`)),
    );
  });

  test("writes each stack's plan JSON and summary, and the stage summary", () => {
    for (const { stack, plan } of result.stacks) {
      expect(JSON.parse(readFileSync(join(plansDir, "dev", `${stack}.plan.json`), "utf8"))).toEqual(plan);
      expect(readFileSync(join(plansDir, "dev", `${stack}.md`), "utf8")).toBe(renderStackSummary(stackChanges(stack, plan)));
    }
    expect(readFileSync(result.summaryFile, "utf8")).toBe(renderStageSummary("dev", result.stacks.map((stack) => stack.changes)));
  });

  test("gives the api stack the infra stack's outputs: planned values where known, placeholders otherwise", () => {
    const lambda = resources.find((resource) => resource.address.includes("aws_lambda_function.initiate-upload_function_"));
    const bucket = resources.find((resource) => resource.type === "aws_s3_bucket");
    expect(first(lambda?.after.environment)).toMatchObject({ variables: { PHOTOS_BUCKET_NAME: bucket?.after.bucket } });
    const s3Permission = resources.find((resource) => resource.type === "aws_lambda_permission" && resource.after.principal === "s3.amazonaws.com");
    expect(s3Permission?.after).toMatchObject({ source_account: PLACEHOLDER_ACCOUNT_ID, source_arn: `arn:aws:s3:::${String(bucket?.after.bucket)}` });
  });

  test("what Terraform would create passes every security rule", () => {
    expect(resources.length).toBeGreaterThan(40);
    expect(checkPlanPolicy(resources, dev)).toEqual([]);
  });

  test("the security rules catch a wildcard action, a public bucket, a plaintext queue and a bucket without encryption", () => {
    const broken = resources.map((resource) => {
      if (resource.address.includes("list-photos_data-access-policy")) {
        return { ...resource, after: { ...resource.after, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] }) } };
      }
      if (resource.type === "aws_s3_bucket_public_access_block") return { ...resource, after: { ...resource.after, restrict_public_buckets: false } };
      if (resource.type === "aws_sqs_queue") return { ...resource, after: { ...resource.after, sqs_managed_sse_enabled: false } };
      return resource;
    });
    const unencryptedBucket = resources.filter((resource) => resource.type !== "aws_s3_bucket_server_side_encryption_configuration");
    const violations = checkPlanPolicy(broken, dev);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringContaining("action dynamodb:*"),
        expect.stringContaining("resource *"),
        expect.stringContaining("list-photos: grants dynamodb:*"),
        expect.stringContaining("not every public access block is on"),
        expect.stringContaining("unencrypted queue"),
      ]),
    );
    expect(checkPlanPolicy(unencryptedBucket, dev)).toEqual([
      expect.stringMatching(/aws_s3_bucket\.photos-bucket_\w+ lacks default encryption or a public access block$/),
      expect.stringMatching(/aws_s3_bucket\.web_bucket_\w+ lacks default encryption or a public access block$/),
    ]);
  });

  test("the security rules catch what the audit found: no headers policy, no versioning, no tracing, silent alarms, unbounded roles", () => {
    const audited = resources
      .filter((resource) => !["aws_cloudfront_response_headers_policy", "aws_s3_bucket_versioning"].includes(resource.type))
      .map((resource) => {
        if (resource.type === "aws_cloudwatch_metric_alarm") return { ...resource, after: { ...resource.after, alarm_actions: [], ok_actions: [] }, afterUnknown: {} };
        if (resource.type === "aws_iam_role") return { ...resource, after: { ...resource.after, permissions_boundary: null } };
        if (resource.type === "aws_cloudfront_distribution") return { ...resource, after: { ...resource.after, default_cache_behavior: [{}] }, afterUnknown: {} };
        return resource;
      });
    const violations = checkPlanPolicy(audited, { ...dev, tracing: true });
    for (const rule of ["CKV2_AWS_32", "CKV_AWS_21", "CKV_AWS_50", "every alarm notifies", "every function role carries"]) {
      expect(violations).toContainEqual(expect.stringMatching(new RegExp(`^${rule}`)));
    }
    // Each of the two distributions, the photos CDN's and the web app's.
    expect(checkPlanPolicy(resources, { ...dev, accessLogsBucketName: "event-photos-dev-logs", wafRateLimit: 100 })).toEqual([
      expect.stringMatching(/^CKV_AWS_86 .*photos-cdn_distribution.*: access logs missing$/),
      expect.stringMatching(/^CKV_AWS_86 .*web_distribution.*: access logs missing$/),
      expect.stringMatching(/^CKV_AWS_68 .*photos-cdn_distribution.*: WAF missing$/),
      expect.stringMatching(/^CKV_AWS_68 .*web_distribution.*: WAF missing$/),
    ]);
  });

  test("the summary lists every resource the plan creates, by address", () => {
    for (const { stack, plan } of result.stacks) {
      const creates = (plan.resource_changes ?? []).filter((change) => change.mode === "managed" && change.change.actions.join() === "create");
      const markdown = readFileSync(join(plansDir, "dev", `${stack}.md`), "utf8");
      expect(markdown).toContain(`**Plan:** ${creates.length} to create, 0 to update, 0 to replace, 0 to delete.`);
      for (const change of creates) expect(markdown).toContain(`| create | \`${change.address}\` |`);
    }
    const total = result.stacks.reduce((sum, stack) => sum + stack.changes.counts.create, 0);
    expect(readFileSync(result.summaryFile, "utf8")).toContain(`**Total:** ${total} to create, 0 to update, 0 to replace, 0 to delete.`);
  });
});
