/** The terraform runner: a failure carries terraform's last output once, never twice. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PlanError } from "../../../scripts/plan/errors";
import { runTerraform } from "../../../scripts/plan/terraform";
import { describeWithTerraform } from "../../helpers/terraform";

describeWithTerraform("runTerraform", () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), "run-terraform-"));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  const planWithoutConfiguration = (onLine?: (line: string) => void): Promise<PlanError> =>
    runTerraform(["plan", "-no-color"], { cwd, env: process.env, onLine }).then(
      () => {
        throw new Error("terraform plan without a configuration succeeded");
      },
      (error: unknown) => error as PlanError,
    );

  test("puts terraform's output in the error when nothing printed it", async () => {
    const error = await planWithoutConfiguration();
    expect(error).toBeInstanceOf(PlanError);
    expect(error.message).toMatch(new RegExp(`^\`terraform plan -no-color\` failed in ${cwd} \\(exit 1\\):\\n[^]*No configuration files`));
  });

  test("leaves it out when each line was already reported", async () => {
    const lines: string[] = [];
    const error = await planWithoutConfiguration((line) => lines.push(line));
    expect(lines.join("\n")).toContain("No configuration files");
    expect(error.message).toBe(`\`terraform plan -no-color\` failed in ${cwd} (exit 1); its output is above`);
  });
});
