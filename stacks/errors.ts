/**
 * The one error the stacks raise while they are being declared (before Terraform runs): a stage
 * entry, an environment override or a bootstrap setting holds a value that cannot deploy. The
 * message names the field, repeats the value and says the fix.
 */
export class StackConfigError extends Error {
  override readonly name = "StackConfigError";
}
