/**
 * Terraform test gate: suites that run the real CLI skip (saying why) where terraform is not
 * installed, unless REQUIRE_TERRAFORM=1 (set by .ci/run), where a missing terraform fails them.
 */
import { spawnSync } from "node:child_process";
import { describeWithTool, type Tool } from "./tool-gate";

export const terraformInstalled = spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
const TERRAFORM: Tool = {
  name: "terraform",
  installed: terraformInstalled,
  requiredBy: "REQUIRE_TERRAFORM",
  missing: "terraform is not on PATH; install Terraform >= 1.10",
};

/** `describe` when terraform can run, otherwise a skipped (or, where required, failing) suite with the reason. */
export function describeWithTerraform(name: string, body: () => void): void {
  describeWithTool(TERRAFORM, name, body);
}

/** Minutes, not seconds: init and plan of the AWS provider are slow on small machines. */
export const TERRAFORM_TIMEOUT_MS = 5 * 60 * 1000;
