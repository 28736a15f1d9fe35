import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planStage, type StagePlan } from "../../../scripts/plan/plan";
import { PLACEHOLDER_ACCOUNT_ID } from "../../../scripts/plan/offline-plan";
import { renderStackSummary, renderStageSummary, stackChanges } from "../../../scripts/plan/plan-summary";
import { writeTestArtifacts } from "../../helpers/function-artifacts";
import { checkPlanPolicy, first, plannedResources, type PlannedResource } from "../../helpers/plan-policy";
import { synthStages } from "../../helpers/stage-synth";
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform } from "../../helpers/terraform";

describeWithTerraform("offline plan of the dev stage", () => {
  const rootDir = mkdtempSync(join(tmpdir(), "photos-plan-test-"));
  const outdir = join(rootDir, "cdktf.out");
  const plansDir = join(rootDir, "plans");
  const progress: string[] = [];
  let result: StagePlan;
  let resources: PlannedResource[];

  beforeAll(async () => {
    synthStages({ outdir, rootDir, manifest: await writeTestArtifacts(rootDir), stages: ["dev"] });
    result = await planStage({ stage: "dev", outdir, plansDir, offline: true, workDir: join(rootDir, "work"), log: (line) => progress.push(line) });
    resources = result.stacks.flatMap((stack) => plannedResources(stack.plan));
  }, TERRAFORM_TIMEOUT_MS);
  afterAll(() => rmSync(rootDir, { recursive: true, force: true }));

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
    expect(checkPlanPolicy(resources)).toEqual([]);
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
    const violations = checkPlanPolicy(broken);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringContaining("action dynamodb:*"),
        expect.stringContaining("resource *"),
        expect.stringContaining("list-photos: grants dynamodb:*"),
        expect.stringContaining("not every public access block is on"),
        expect.stringContaining("unencrypted queue"),
      ]),
    );
    expect(checkPlanPolicy(unencryptedBucket)).toEqual([
      expect.stringMatching(/aws_s3_bucket\.photos-bucket_\w+ lacks default encryption or a public access block$/),
      expect.stringMatching(/aws_s3_bucket\.web_bucket_\w+ lacks default encryption or a public access block$/),
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
