/** The Powertools lifecycle around every invocation: context on each line, cold start, metrics per invocation, keys dropped. */
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { Telemetry } from "../../../functions/shared/telemetry";
import { lambdaContext } from "../../../scripts/local/handler-host";
import { captureLogs, type LogCapture } from "../../helpers/log-capture";

const SETTINGS = { serviceName: "get-photo", metricsNamespace: "event-photos-test", tracing: false };
let logs: LogCapture;
let telemetry: Telemetry;

beforeEach(() => {
  // Lambda sets it; Powertools reports a cold start only with it (the handler host sets it too).
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = "on-demand";
  logs = captureLogs();
  telemetry = new Telemetry(SETTINGS);
});

afterEach(() => {
  logs.stop();
  delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
});

test("every line carries the invocation's context; only the first invocation is the cold start", async () => {
  const handler = telemetry.instrument(async (event: { n: number }) => {
    telemetry.logger.info("handled", { n: event.n });
    return event.n * 2;
  });
  const contexts = [lambdaContext("get-photo"), lambdaContext("get-photo")];
  expect(await handler({ n: 1 }, contexts[0]!)).toBe(2);
  expect(await handler({ n: 2 }, contexts[1]!)).toBe(4);

  const handled = logs.lines().filter((line) => line.message === "handled");
  expect(handled).toEqual([
    expect.objectContaining({ level: "INFO", n: 1, service: "get-photo", cold_start: true, function_name: "get-photo", function_request_id: contexts[0]!.awsRequestId, timestamp: expect.any(String) }),
    expect.objectContaining({ n: 2, cold_start: false, function_request_id: contexts[1]!.awsRequestId }),
  ]);
});

test("metrics go out once per invocation in embedded metric format; an invocation without metrics writes none", async () => {
  const handler = telemetry.instrument(async (bytes: number) => {
    if (bytes > 0) {
      telemetry.metrics.addMetric("UploadBytes", MetricUnit.Bytes, bytes);
      telemetry.metrics.addMetric("UploadBytes", MetricUnit.Bytes, bytes + 1);
    }
  });
  await handler(10, lambdaContext("get-photo"));
  await handler(0, lambdaContext("get-photo"));
  await handler(20, lambdaContext("get-photo"));

  const emf = logs.metrics();
  expect(emf).toEqual([
    // The cold start's own line, per function.
    expect.objectContaining({
      ColdStart: 1,
      function_name: "get-photo",
      service: "get-photo",
      _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: "event-photos-test", Dimensions: [["service", "function_name"]] })] }),
    }),
    expect.objectContaining({
      UploadBytes: [10, 11],
      service: "get-photo",
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [{ Namespace: "event-photos-test", Dimensions: [["service"]], Metrics: [{ Name: "UploadBytes", Unit: "Bytes" }] }],
      },
    }),
    expect.objectContaining({ UploadBytes: [20, 21] }),
  ]);
  // Nothing else: no "No application metrics to publish" warning for the invocation without any.
  expect(logs.lines()).toHaveLength(emf.length);
});

test("a failing invocation still flushes its metrics and drops the keys it appended", async () => {
  const handler = telemetry.instrument(async (eventId: string) => {
    telemetry.logger.appendKeys({ eventId });
    telemetry.metrics.addMetric("Attempts", MetricUnit.Count, 1);
    telemetry.logger.info("about to fail");
    throw new Error(`failed for ${eventId}`);
  });
  await expect(handler("first-event", lambdaContext("get-photo"))).rejects.toThrow("failed for first-event");
  telemetry.logger.info("between invocations");

  expect(logs.lines().find((line) => line.message === "about to fail")).toMatchObject({ eventId: "first-event" });
  expect(logs.lines().find((line) => line.message === "between invocations")).not.toHaveProperty("eventId");
  expect(logs.metrics()).toContainEqual(expect.objectContaining({ Attempts: 1 }));
});
