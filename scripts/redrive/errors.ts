/** The redrive's one error: what went wrong, what was done so far and what to do; the CLI prints the message as is. */
export class RedriveError extends Error {
  override readonly name = "RedriveError";
}
