/**
 * The processor's metrics, from the outcomes of one invocation: how many uploads became photos and
 * their originals' bytes, and how many were rejected, per reason code. Duplicates, removals and
 * objects already gone are repeats of an upload counted once already, so they count nothing.
 */
import { MetricUnit, type Metrics } from "@aws-lambda-powertools/metrics";
import type { RejectionCode } from "../shared/photo-store";
import type { ProcessOutcome } from "./process-upload";

export const PROCESSOR_METRICS = {
  accepted: "PhotosAccepted",
  /** With a `reason` dimension: the rejection code. */
  rejected: "PhotosRejected",
  /** One value per accepted original, so CloudWatch has their distribution, not only the sum. */
  uploadBytes: "UploadBytes",
} as const;

export const REASON_DIMENSION = "reason";

export function recordOutcomes(metrics: Metrics, outcomes: readonly ProcessOutcome[]): void {
  let accepted = 0;
  const rejected = new Map<RejectionCode, number>();
  for (const outcome of outcomes) {
    if (outcome.outcome === "accepted") {
      accepted += 1;
      metrics.addMetric(PROCESSOR_METRICS.uploadBytes, MetricUnit.Bytes, outcome.sizeBytes);
    } else if (outcome.outcome === "rejected") {
      rejected.set(outcome.code, (rejected.get(outcome.code) ?? 0) + 1);
    }
  }
  if (accepted > 0) metrics.addMetric(PROCESSOR_METRICS.accepted, MetricUnit.Count, accepted);
  // An EMF line has one set of dimensions, so each reason is a line of its own.
  for (const [code, count] of rejected) {
    const perReason = metrics.singleMetric();
    perReason.addDimension(REASON_DIMENSION, code);
    perReason.addMetric(PROCESSOR_METRICS.rejected, MetricUnit.Count, count);
  }
}
