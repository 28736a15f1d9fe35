/** Errors of the bench. Each says what went wrong and what to do; a missed target is not one of them. */

export class BenchError extends Error {
  override name = "BenchError";
}

/** A figure could not be measured: the code under test answered wrongly, or a measurement made no sense. */
export class MeasurementError extends BenchError {
  override name = "MeasurementError";
}

/** A bench script was started wrongly (by hand): missing argument or a no-op configuration. */
export class BenchUsageError extends BenchError {
  override name = "BenchUsageError";
}
