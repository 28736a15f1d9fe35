/** One stage's stacks in a cdktf test app, with test zips, for `Testing.synth` assertions. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { checkStage, resolveStage, type StageConfig, type StageName, type StageSettings } from "../../stacks/config";
import { addStageStacks, type StageStacks } from "../../stacks/stage-stacks";
import { writeTestArtifacts } from "./function-artifacts";
import { writeTestWebFiles } from "./web-artifacts";

export interface SynthesizedStage {
  readonly stacks: StageStacks;
  /** Each stack's Terraform JSON, as a string (what cdktf's matchers take) and parsed. */
  readonly infra: string;
  readonly api: string;
  readonly web: string;
  readonly infraJson: TerraformJson;
  readonly apiJson: TerraformJson;
  readonly webJson: TerraformJson;
}

export interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly terraform: Record<string, unknown>;
  readonly provider: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
}

/** A stage of STAGES, or a stage config of a test's own (see `testStage`). */
export async function synthStage(stage: StageName | StageConfig, env: Readonly<Record<string, string | undefined>> = {}): Promise<SynthesizedStage> {
  const rootDir = mkdtempSync(join(tmpdir(), "photos-stack-test-"));
  const app = Testing.app();
  const config = typeof stage === "string" ? resolveStage(stage, env) : stage;
  const stacks = addStageStacks(app, config, { functions: await writeTestArtifacts(rootDir), web: writeTestWebFiles(rootDir), rootDir });
  const infra = Testing.synth(stacks.infra);
  const api = Testing.synth(stacks.api);
  const web = Testing.synth(stacks.web);
  const parse = (json: string) => JSON.parse(json) as TerraformJson;
  return { stacks, infra, api, web, infraJson: parse(infra), apiJson: parse(api), webJson: parse(web) };
}

/** Every resource of a type in a synthesized stack. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

/** Every `aws_iam_policy_document` data source's statements. */
export function policyStatements(json: TerraformJson): { id: string; statement: Record<string, unknown> }[] {
  return Object.entries(json.data?.aws_iam_policy_document ?? {}).flatMap(([id, document]) =>
    ((document.statement ?? []) as Record<string, unknown>[]).map((statement) => ({ id, statement })),
  );
}

/** A test stage `qa` with every optional protection turned on: access logs, WAF, alarm email, required MFA, closed sign-up. */
export function testStage(overrides: Partial<StageSettings> = {}): StageConfig {
  return checkStage("qa", {
    region: "eu-west-1",
    allowedOrigins: ["https://photos.example.com"],
    accessLogs: true,
    waf: true,
    wafRateLimit: 500,
    alarm: { threshold: 0, email: "oncall@example.com" },
    mfa: "required",
    selfSignUp: false,
    noncurrentVersionExpiryDays: 7,
    ...overrides,
  });
}
