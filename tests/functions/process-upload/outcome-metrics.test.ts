import { Metrics } from "@aws-lambda-powertools/metrics";
import { recordOutcomes } from "../../../functions/process-upload/outcome-metrics";
import type { ProcessOutcome } from "../../../functions/process-upload/process-upload";
import { captureLogs, type LogCapture } from "../../helpers/log-capture";

let logs: LogCapture;
let metrics: Metrics;

beforeEach(() => {
  logs = captureLogs();
  metrics = new Metrics({ namespace: "event-photos-test", serviceName: "process-upload" });
});

afterEach(() => logs.stop());

function cloudWatch(line: Record<string, unknown>) {
  return (line._aws as { CloudWatchMetrics: unknown[] }).CloudWatchMetrics[0];
}

test("accepted photos and their bytes in the invocation's metrics; rejections per reason, each with its dimension", () => {
  const outcomes: ProcessOutcome[] = [
    { outcome: "accepted", photoId: "a", sizeBytes: 100 },
    { outcome: "rejected", code: "size_mismatch" },
    { outcome: "accepted", photoId: "b", sizeBytes: 250 },
    { outcome: "rejected", code: "corrupt_image" },
    { outcome: "rejected", code: "size_mismatch" },
    { outcome: "duplicate", photoId: "a" },
    { outcome: "gone" },
    { outcome: "removed", photoId: "c", status: "deleted" },
  ];
  recordOutcomes(metrics, outcomes);
  metrics.publishStoredMetrics();

  const [sizeMismatch, corrupt, invocation, ...rest] = logs.metrics();
  expect(rest).toEqual([]);
  expect(sizeMismatch).toMatchObject({ PhotosRejected: 2, reason: "size_mismatch", service: "process-upload" });
  expect(cloudWatch(sizeMismatch!)).toEqual({ Namespace: "event-photos-test", Dimensions: [["service", "reason"]], Metrics: [{ Name: "PhotosRejected", Unit: "Count" }] });
  expect(corrupt).toMatchObject({ PhotosRejected: 1, reason: "corrupt_image" });
  expect(invocation).toMatchObject({ PhotosAccepted: 2, UploadBytes: [100, 250], service: "process-upload" });
  expect(invocation).not.toHaveProperty("reason");
  expect(cloudWatch(invocation!)).toMatchObject({ Dimensions: [["service"]] });
});

test("repeats of an upload count nothing", () => {
  recordOutcomes(metrics, [{ outcome: "duplicate", photoId: "a" }, { outcome: "gone" }]);
  expect(metrics.hasStoredMetrics()).toBe(false);
  expect(logs.metrics()).toEqual([]);
});
