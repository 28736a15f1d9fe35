/**
 * The bench's one error: `measurement` (a figure could not be measured: the code under test
 * answered wrongly, or a measurement made no sense) or `usage` (a bench script was started wrongly,
 * by hand). Each says what went wrong and what to do; a missed target is not one of them.
 */
export class BenchError extends Error {
  override readonly name = "BenchError";

  constructor(
    readonly kind: "measurement" | "usage",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
