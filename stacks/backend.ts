import { LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import type { StageConfig } from "./config";

/**
 * Declares where a stack keeps its state. Always explicit: cdktf's implicit local backend writes
 * an absolute path into the synthesized JSON, which breaks byte-identical synths across machines.
 */
export function declareBackend(stack: TerraformStack, stackName: string, backend: StageConfig["stateBackend"]): void {
  if (backend.bucket) {
    new S3Backend(stack, {
      bucket: backend.bucket,
      key: `${backend.keyPrefix}/${stackName}.tfstate`,
      region: backend.region,
      encrypt: true,
    });
    // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no property for it.
    stack.addOverride("terraform.backend.s3.use_lockfile", true);
    return;
  }
  declareLocalBackend(stack, stackName);
}

/**
 * Local state in the project root, where cdktf itself keeps it. The path is relative to the
 * stack's directory (cdktf.out/stacks/<stack>): every stack directory sits at the same depth, so
 * a downstream stack's terraform_remote_state resolves the same path to the same file. Outside
 * cdktf.out because `cdktf synth` deletes the directories of stacks it no longer synthesizes.
 */
export function declareLocalBackend(stack: TerraformStack, stackName: string): void {
  new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
}
