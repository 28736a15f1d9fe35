import { LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import type { StageConfig } from "./config";

/**
 * Declares where a stack keeps its state. Always explicit: cdktf's implicit local backend writes
 * an absolute path into the synthesized JSON, which breaks byte-identical synths across machines.
 */
export function declareBackend(stack: TerraformStack, stackName: string, stage: Pick<StageConfig, "stage" | "stateBackend">): void {
  const backend = stage.stateBackend;
  if (backend.bucket) {
    new S3Backend(stack, {
      bucket: backend.bucket,
      key: `${stageStateKeyPrefix(backend.keyPrefix, stage.stage)}${stackName}.tfstate`,
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
 * Where a stage's state objects (and their `.tflock` files) live in the state bucket: one prefix
 * per stage, so the bootstrap can give each stage's deploy role that prefix and no other.
 */
export function stageStateKeyPrefix(keyPrefix: string, stage: string): string {
  return `${keyPrefix}/${stage}/`;
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
