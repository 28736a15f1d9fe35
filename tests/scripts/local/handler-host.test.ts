/**
 * The handler host runs every function in one process: each must still get its own Powertools
 * settings, and concurrent invocations must keep their log state apart, as in Lambda.
 */
import { ENV, FUNCTION_NAMES, LIMITS } from "../../../functions/shared/contract";
import { findFreePort } from "../../../scripts/local/ports";
import { LOCAL_METRICS_NAMESPACE, functionEnvironment, routeEvent, startHandlerHost, type HandlerHost } from "../../../scripts/local/handler-host";
import { captureLogs, type LogCapture } from "../../helpers/log-capture";

let logs: LogCapture;
let host: HandlerHost;
let settings: Parameters<typeof startHandlerHost>[0];

beforeAll(async () => {
  logs = captureLogs();
  // Nothing listens there: every AWS call fails fast, and each handler answers a logged 500.
  const closed = `http://127.0.0.1:${await findFreePort()}`;
  settings = {
    table: "photos",
    bucket: "photos",
    photosBaseUrl: "https://photos.example.com",
    uploadLimitBytes: LIMITS.defaultUploadLimitBytes,
    endpoints: { s3: closed, dynamodb: closed },
  };
  host = await startHandlerHost(settings);
});

afterAll(() => logs.stop());

test("each function's environment names the function itself as Powertools' service, and the local namespace", () => {
  for (const name of FUNCTION_NAMES) {
    expect(functionEnvironment(name, settings)).toMatchObject({
      [ENV.serviceName.variable]: name,
      [ENV.metricsNamespace.variable]: LOCAL_METRICS_NAMESPACE,
      [ENV.tracing.variable]: "false",
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    });
  }
  // Set only while each module loaded, so no function can read the last one's.
  expect(process.env[ENV.serviceName.variable]).toBeUndefined();
  expect(process.env[ENV.metricsNamespace.variable]).toBe(LOCAL_METRICS_NAMESPACE);
});

test("functions hosted together log as themselves; concurrent invocations keep their request ids and keys apart", async () => {
  const calls = [
    { route: "listPhotos", eventId: "first-event" },
    { route: "listPhotos", eventId: "second-event" },
    { route: "getEvent", eventId: "third-event" },
  ] as const;
  const events = calls.map(({ route, eventId }) => routeEvent(route, { pathParameters: { eventId }, claims: { sub: "someone", token_use: "access" } }));
  const answers = await Promise.all(events.map((event, index) => host.invoke(calls[index]!.route === "listPhotos" ? "list-photos" : "get-event", event)));
  expect(answers.map((answer) => (answer as { statusCode: number }).statusCode)).toEqual([500, 500, 500]);

  const errors = logs.lines().filter((line) => line.message === "unhandled error");
  expect(errors).toHaveLength(3);
  const seen = errors.map((line) => ({ service: line.service, eventId: line.eventId, correlationId: line.correlation_id })).sort((a, b) => String(a.eventId).localeCompare(String(b.eventId)));
  expect(seen).toEqual([
    { service: "list-photos", eventId: "first-event", correlationId: events[0]!.requestContext.requestId },
    { service: "list-photos", eventId: "second-event", correlationId: events[1]!.requestContext.requestId },
    { service: "get-event", eventId: "third-event", correlationId: events[2]!.requestContext.requestId },
  ]);
  expect(new Set(errors.map((line) => line.function_request_id)).size).toBe(3);
  // One cold start per function, however many invocations ran at once.
  expect(errors.filter((line) => line.cold_start === true).map((line) => line.service).sort()).toEqual(["get-event", "list-photos"]);
  expect(errors[0]?.error).toMatchObject({ message: expect.stringContaining("ECONNREFUSED") });
});
