/**
 * The one error of planning: terraform is missing or failed (the message carries the command, its
 * directory and, unless it was already printed, its last output), the AWS provider cannot be had,
 * or the synthesized app is not what the plan needs.
 */
export class PlanError extends Error {
  override readonly name = "PlanError";
}
