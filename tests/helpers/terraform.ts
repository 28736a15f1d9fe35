/**
 * Terraform test gate: suites that run the real CLI skip (saying why) where terraform is not
 * installed, unless REQUIRE_TERRAFORM=1 (set by .ci/run), where a missing terraform fails them.
 */
import { spawnSync } from "node:child_process";

export const terraformInstalled = spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
const required = process.env.REQUIRE_TERRAFORM === "1";

/** `describe` when terraform can run (or is required), otherwise a skipped `describe` with the reason. */
export function describeWithTerraform(name: string, body: () => void): void {
  if (terraformInstalled || required) {
    describe(name, () => {
      if (!terraformInstalled) {
        test("terraform is installed", () => {
          throw new Error("REQUIRE_TERRAFORM=1 but `terraform` is not on PATH; install Terraform >= 1.10");
        });
        return;
      }
      body();
    });
    return;
  }
  console.warn(`skipping "${name}": terraform is not on PATH (set REQUIRE_TERRAFORM=1 to fail instead)`);
  describe.skip(name, body);
}

/** Minutes, not seconds: init and plan of the AWS provider are slow on small machines. */
export const TERRAFORM_TIMEOUT_MS = 5 * 60 * 1000;
