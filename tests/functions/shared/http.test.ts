import { ApiError, ERROR_STATUS } from "../../../functions/shared/errors";
import { caller } from "../../../functions/shared/caller";
import { jsonBody, jsonHandler } from "../../../functions/shared/http";
import { apiEvent, parseResponse } from "../../helpers/api-events";

const event = apiEvent({ route: "listPhotos" });

test.each([
  [new ApiError("invalid_request", "bad", { details: [{ field: "title", message: "too long" }] }), 400, "invalid_request"],
  [new ApiError("unauthorized", "who"), 401, "unauthorized"],
  [new ApiError("not_attendee", "no"), 403, "not_attendee"],
  [new ApiError("not_found", "gone"), 404, "not_found"],
  [new ApiError("too_large", "big"), 413, "too_large"],
  [new ApiError("unsupported_media_type", "gif"), 415, "unsupported_media_type"],
] as [ApiError, number, string][])("%s maps to %i %s", async (error, status, code) => {
  const response = parseResponse(await jsonHandler(() => Promise.reject(error))(event));
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: { code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
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

test("any other error is a 500 that reveals nothing, and is logged", async () => {
  const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const secret = new Error("connect ECONNREFUSED 10.0.0.7:8000 table=prod-photos");
  const response = parseResponse(await jsonHandler(() => Promise.reject(secret))(event));
  expect(response.status).toBe(500);
  expect(response.body.error.code).toBe("internal_error");
  expect(JSON.stringify(response.body)).not.toContain("ECONNREFUSED");
  expect(String(logged.mock.calls[0]?.[0])).toContain("ECONNREFUSED");
  logged.mockRestore();
});

test("a result is serialized as JSON with its status", async () => {
  const response = await jsonHandler(async () => ({ statusCode: 201, body: { title: "🌅" } }))(event);
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
