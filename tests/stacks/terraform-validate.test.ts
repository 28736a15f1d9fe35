import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTerraform, terraformEnv } from "../../scripts/plan/terraform";
import { writeTestArtifacts } from "../helpers/function-artifacts";
import { App } from "cdktf";
import { addStageStacks } from "../../stacks/stage-stacks";
import { synthStages } from "../helpers/stage-synth";
import { testStage } from "../helpers/stage-stacks";
import { writeTestWebFiles } from "../helpers/web-artifacts";
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform } from "../helpers/terraform";

// qa turns on what no default stage does (access logs, WAF in us-east-1, alarm email, required MFA).
const STACKS = ["dev", "prod", "qa"].flatMap((stage) => [`photos-infra-${stage}`, `photos-api-${stage}`, `photos-web-${stage}`]);

describeWithTerraform("terraform validate of every synthesized stack", () => {
  const rootDir = mkdtempSync(join(tmpdir(), "photos-validate-"));
  const outdir = join(rootDir, "cdktf.out");
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const manifest = await writeTestArtifacts(rootDir);
    synthStages({ outdir, rootDir, manifest });
    const optional = new App({ outdir: join(rootDir, "qa.out") });
    addStageStacks(optional, testStage(), { functions: manifest, web: writeTestWebFiles(rootDir), rootDir });
    optional.synth();
    env = await terraformEnv(rootDir);
  });
  afterAll(() => rmSync(rootDir, { recursive: true, force: true }));

  test.each(STACKS)(
    "%s is valid Terraform for the pinned AWS provider",
    async (stack) => {
      const cwd = join(stack.endsWith("-qa") ? join(rootDir, "qa.out") : outdir, "stacks", stack);
      // No backend: validation needs neither state nor credentials.
      await runTerraform(["init", "-backend=false", "-input=false", "-no-color"], { cwd, env });
      const result = JSON.parse(await runTerraform(["validate", "-json", "-no-color"], { cwd, env })) as {
        valid: boolean;
        diagnostics: { severity: string; summary: string }[];
      };
      expect(result.diagnostics).toEqual([]);
      expect(result.valid).toBe(true);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
