/**
 * A table of bad requests across the three HTTP handlers. Each gets the contract's status, error
 * shape and code, and leaves the table and the bucket exactly as they were.
 */
import { encodeCursor } from "../../functions/shared/cursor";
import { LIMITS, type RouteId } from "../../functions/shared/contract";
import { apiEvent, parseResponse, type ApiEventOptions } from "../helpers/api-events";
import { startFunctionStack, type FunctionStack } from "../helpers/function-stack";

const EVENT_ID = "gala";
const ATTENDEE = "attendee-sub";
const UPLOAD_LIMIT = 1000;
const PHOTO_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
const VALID = { title: "Night", description: "stars", contentType: "image/png", contentLength: 100 };

type Handler = RouteId;
interface BadRequest {
  readonly name: string;
  readonly handler: Handler;
  readonly event: Partial<ApiEventOptions>;
  readonly status: number;
  readonly code: string;
}

const initiate = (name: string, body: unknown, status = 400, code = "invalid_request", extra: Partial<ApiEventOptions> = {}): BadRequest => ({
  name: `initiate: ${name}`,
  handler: "initiateUpload",
  event: { body, ...extra },
  status,
  code,
});
const withField = (field: string, value: unknown) => ({ ...VALID, [field]: value });
const without = (field: keyof typeof VALID) => Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== field));
const list = (name: string, query: Record<string, string>, extra: Partial<ApiEventOptions> = {}, status = 400, code = "invalid_request"): BadRequest => ({
  name: `list: ${name}`,
  handler: "listPhotos",
  event: { queryStringParameters: query, ...extra },
  status,
  code,
});
const get = (name: string, pathParameters: Record<string, string>, status: number, code: string, extra: Partial<ApiEventOptions> = {}): BadRequest => ({
  name: `get: ${name}`,
  handler: "getPhoto",
  event: { pathParameters, ...extra },
  status,
  code,
});
const cursorOf = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString("base64url");

const BAD_REQUESTS: BadRequest[] = [
  initiate("no body", undefined),
  initiate("empty body", ""),
  initiate("malformed JSON", "{title: 'x'"),
  initiate("truncated JSON", '{"title": "x",'),
  initiate("JSON null", "null"),
  initiate("JSON array", "[]"),
  initiate("JSON string", '"hello"'),
  initiate("JSON number", "42"),
  initiate("empty object", {}),
  initiate("unknown field", { ...VALID, key: "uploads/evil.png" }),
  initiate("missing title", without("title")),
  initiate("missing contentType", without("contentType")),
  initiate("missing contentLength", without("contentLength")),
  initiate("title is a number", withField("title", 5)),
  initiate("title is null", withField("title", null)),
  initiate("title is empty", withField("title", "")),
  initiate("title is only whitespace", withField("title", "   \t\n ")),
  initiate("title over 200 characters", withField("title", "x".repeat(LIMITS.titleMaxChars + 1))),
  initiate("title of 201 emoji", withField("title", "📷".repeat(LIMITS.titleMaxChars + 1))),
  initiate("description is a number", withField("description", 3)),
  initiate("description is null", withField("description", null)),
  initiate("description over 2000 characters", withField("description", "d".repeat(LIMITS.descriptionMaxChars + 1))),
  initiate("contentType is a number", withField("contentType", 7)),
  initiate("contentType is an array", withField("contentType", ["image/png"])),
  initiate("contentType image/gif", withField("contentType", "image/gif"), 415, "unsupported_media_type"),
  initiate("contentType text/html", withField("contentType", "text/html"), 415, "unsupported_media_type"),
  initiate("contentType with parameters", withField("contentType", "image/png; charset=binary"), 415, "unsupported_media_type"),
  initiate("contentType in upper case", withField("contentType", "IMAGE/PNG"), 415, "unsupported_media_type"),
  initiate("contentType empty", withField("contentType", ""), 415, "unsupported_media_type"),
  initiate("contentLength is a string", withField("contentLength", "100")),
  initiate("contentLength is fractional", withField("contentLength", 10.5)),
  initiate("contentLength is zero", withField("contentLength", 0)),
  initiate("contentLength is negative", withField("contentLength", -1)),
  initiate("contentLength is boolean", withField("contentLength", true)),
  initiate("contentLength over the limit", withField("contentLength", UPLOAD_LIMIT + 1), 413, "too_large"),
  initiate("contentLength far over the limit", withField("contentLength", 1e15), 413, "too_large"),
  initiate("contentLength beyond safe integers", withField("contentLength", 2 ** 60)),
  initiate("bad eventId characters", VALID, 400, "invalid_request", { pathParameters: { eventId: "gala!" } }),
  initiate("eventId with a slash", VALID, 400, "invalid_request", { pathParameters: { eventId: "a/b" } }),
  initiate("eventId over 64 characters", VALID, 400, "invalid_request", { pathParameters: { eventId: "e".repeat(65) } }),
  initiate("eventId empty", VALID, 400, "invalid_request", { pathParameters: { eventId: "" } }),
  initiate("no claims", VALID, 401, "unauthorized", { sub: null }),
  initiate("empty sub", VALID, 401, "unauthorized", { sub: "" }),
  initiate("non-attendee", VALID, 403, "not_attendee", { sub: "stranger" }),
  initiate("non-attendee of another event", VALID, 403, "not_attendee", { pathParameters: { eventId: "other-event" } }),
  list("limit 0", { limit: "0" }),
  list("limit 101", { limit: "101" }),
  list("limit negative", { limit: "-5" }),
  list("limit not a number", { limit: "ten" }),
  list("limit fractional", { limit: "2.5" }),
  list("limit empty", { limit: "" }),
  list("unknown query parameter", { sort: "oldest" }),
  list("cursor not base64url", { cursor: "***" }),
  list("cursor base64 of garbage", { cursor: Buffer.from("garbage").toString("base64url") }),
  list("cursor with a changed photo id", { cursor: cursorOf({ v: 1, e: EVENT_ID, p: "not-a-photo-id" }) }),
  list("cursor with an extra field", { cursor: cursorOf({ v: 1, e: EVENT_ID, p: PHOTO_ID, x: 1 }) }),
  list("cursor of another version", { cursor: cursorOf({ v: 2, e: EVENT_ID, p: PHOTO_ID }) }),
  list("cursor of another event", { cursor: encodeCursor({ eventId: "other-event", afterPhotoId: PHOTO_ID }) }),
  list("cursor truncated", { cursor: encodeCursor({ eventId: EVENT_ID, afterPhotoId: PHOTO_ID }).slice(0, -4) }),
  list("bad eventId", {}, { pathParameters: { eventId: "bad event" } }),
  list("no claims", {}, { sub: null }, 401, "unauthorized"),
  get("malformed photo id", { eventId: EVENT_ID, photoId: "does-not-exist" }, 404, "not_found"),
  get("unknown photo id", { eventId: EVENT_ID, photoId: PHOTO_ID }, 404, "not_found"),
  get("bad eventId", { eventId: "bad.event", photoId: PHOTO_ID }, 400, "invalid_request"),
  get("no claims", { eventId: EVENT_ID, photoId: PHOTO_ID }, 401, "unauthorized", { sub: null }),
];

let stack: FunctionStack;
let seededItems: Record<string, unknown>[];

beforeAll(async () => {
  stack = await startFunctionStack({ uploadLimitBytes: UPLOAD_LIMIT });
  await stack.seedAttendee(EVENT_ID, ATTENDEE);
  seededItems = await stack.scanItems();
});

afterAll(async () => {
  await stack?.stop();
});

test("the table covers at least 50 bad requests", () => {
  expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(50);
  expect(new Set(BAD_REQUESTS.map((request) => request.name)).size).toBe(BAD_REQUESTS.length);
});

test.each(BAD_REQUESTS.map((request) => [request.name, request] as const))("%s", async (_name, request) => {
  const response = await stack.callRoute(
    request.handler,
    apiEvent({ route: request.handler, sub: ATTENDEE, pathParameters: { eventId: EVENT_ID }, ...request.event }),
  );
  const { status, body } = parseResponse(response);
  expect(status).toBe(request.status);
  expect(response.headers?.["content-type"]).toMatch(/^application\/json/);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toEqual({
    code: request.code,
    message: expect.any(String),
    ...(body.error.details === undefined ? {} : { details: expect.any(Array) }),
  });
  expect(body.error.message.length).toBeGreaterThan(20);
  for (const detail of body.error.details ?? []) expect(detail).toEqual({ field: expect.any(String), message: expect.any(String) });

  expect(await stack.scanItems()).toEqual(seededItems);
  expect(await stack.listObjectKeys()).toEqual([]);
});

test("a valid request still succeeds against the same stack", async () => {
  const { status } = parseResponse(
    await stack.callRoute("initiateUpload", apiEvent({ route: "initiateUpload", pathParameters: { eventId: EVENT_ID }, body: VALID })),
  );
  expect(status).toBe(201);
});
