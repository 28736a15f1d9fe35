import { ApiError, ERROR_STATUS } from "../../../functions/shared/errors";
import { caller } from "../../../functions/shared/caller";
import { jsonBody, jsonHandler, type JsonResponse } from "../../../functions/shared/http";
import { Telemetry } from "../../../functions/shared/telemetry";
import { lambdaContext } from "../../../scripts/local/handler-host";
import { apiEvent, parseResponse } from "../../helpers/api-events";
import { captureLogs, type LogCapture } from "../../helpers/log-capture";

const event = apiEvent({ route: "listPhotos", pathParameters: { eventId: "summer-party" } });
const telemetry = new Telemetry({ serviceName: "list-photos", metricsNamespace: "tests", tracing: false });
let logs: LogCapture;

beforeEach(() => {
  logs = captureLogs();
});

afterEach(() => logs.stop());

function respond(handle: () => Promise<JsonResponse>, request = event) {
  return jsonHandler(telemetry, handle)(request, lambdaContext("list-photos"));
}

test.each([
  [new ApiError("invalid_request", "bad", { details: [{ field: "title", message: "too long" }] }), 400, "invalid_request"],
  [new ApiError("unauthorized", "who"), 401, "unauthorized"],
  [new ApiError("not_attendee", "no"), 403, "not_attendee"],
  [new ApiError("not_found", "gone"), 404, "not_found"],
  [new ApiError("too_large", "big"), 413, "too_large"],
  [new ApiError("unsupported_media_type", "gif"), 415, "unsupported_media_type"],
] as [ApiError, number, string][])("%s maps to %i %s", async (error, status, code) => {
  const response = parseResponse(await respond(() => Promise.reject(error)));
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: { code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
  // A client's mistake is answered, not logged.
  expect(logs.lines()).toEqual([]);
});

test("every error code has its status", () => {
  expect(ERROR_STATUS).toEqual({
    invalid_request: 400,
    unauthorized: 401,
    not_attendee: 403,
    not_organizer: 403,
    not_event_organizer: 403,
    not_allowed: 403,
    not_found: 404,
    event_not_found: 404,
    cannot_remove_organizer: 409,
    too_large: 413,
    unsupported_media_type: 415,
    upload_quota_exceeded: 429,
  });
});

test("any other error is a 500 that reveals nothing, and is logged with its cause and the request's ids", async () => {
  const secret = new Error("the photo store failed", { cause: new Error("connect ECONNREFUSED 10.0.0.7:8000 table=prod-photos") });
  const context = lambdaContext("list-photos");
  const response = parseResponse(await jsonHandler(telemetry, () => Promise.reject(secret))(event, context));
  expect(response.status).toBe(500);
  expect(response.body.error.code).toBe("internal_error");
  expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|photo store/);
  expect(logs.lines()).toEqual([
    expect.objectContaining({
      level: "ERROR",
      message: "unhandled error",
      service: "list-photos",
      function_request_id: context.awsRequestId,
      correlation_id: event.requestContext.requestId,
      routeKey: "GET /events/{eventId}/photos",
      eventId: "summer-party",
      error: expect.objectContaining({
        name: "Error",
        message: "the photo store failed",
        stack: expect.stringContaining("http.test.ts"),
        cause: expect.objectContaining({ message: "connect ECONNREFUSED 10.0.0.7:8000 table=prod-photos" }),
      }),
    }),
  ]);
});

test("a thrown value that is not an Error is logged as it is", async () => {
  expect((await respond(() => Promise.reject("plain string"))).statusCode).toBe(500);
  expect(logs.lines()).toEqual([expect.objectContaining({ message: "unhandled error", error: "plain string" })]);
});

test("a request's keys are not on the next request's lines", async () => {
  await respond(() => Promise.reject(new Error("first")));
  const other = apiEvent({ route: "listMyEvents" });
  await respond(() => Promise.reject(new Error("second")), other);
  const [first, second] = logs.lines();
  expect(first).toMatchObject({ eventId: "summer-party", routeKey: "GET /events/{eventId}/photos" });
  expect(second).toMatchObject({ routeKey: "GET /me/events", error: expect.objectContaining({ message: "second" }) });
  expect(second).not.toHaveProperty("eventId");
});

test("a result is serialized as JSON with its status", async () => {
  const response = await respond(async () => ({ statusCode: 201, body: { title: "🌅" } }));
  expect(response).toEqual({ statusCode: 201, headers: { "content-type": "application/json; charset=utf-8" }, body: '{"title":"🌅"}' });
});

test("caller reads the sub claim and refuses events without one", () => {
  expect(caller(apiEvent({ route: "listPhotos", sub: "abc" })).sub).toBe("abc");
  expect(() => caller(apiEvent({ route: "listPhotos", sub: null }))).toThrow(expect.objectContaining({ code: "unauthorized" }));
  const noAuthorizer = { ...event, requestContext: { ...event.requestContext, authorizer: undefined } };
  expect(() => caller(noAuthorizer as unknown as typeof event)).toThrow(expect.objectContaining({ code: "unauthorized" }));
});

test("jsonBody decodes base64 bodies and refuses malformed JSON", () => {
  const encoded = { ...event, body: Buffer.from('{"title":"é"}').toString("base64"), isBase64Encoded: true };
  expect(jsonBody(encoded)).toEqual({ title: "é" });
  expect(() => jsonBody({ ...event, body: "{" })).toThrow(/not valid JSON/);
  expect(() => jsonBody({ ...event, body: undefined })).toThrow(/no body/);
});
