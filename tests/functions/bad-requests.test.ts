/**
 * A table of bad requests across every HTTP handler. Each gets the contract's status, error shape
 * and code (checked against openapi.json too), and leaves the table and the bucket exactly as they were.
 */
import { PHOTOS_CURSOR } from "../../functions/list-photos/list-photos";
import { LIMITS, ROUTE_IDS, type RouteId } from "../../functions/shared/contract";
import { apiEvent, parseResponse, type ApiEventOptions } from "../helpers/api-events";
import { startFunctionStack, type FunctionStack } from "../helpers/function-stack";

const EVENT_ID = "gala";
const ATTENDEE = "attendee-sub";
const ORGANIZER = "organizer-sub";
const ORGANIZER_CLAIMS = { "cognito:groups": "[organizers]" };
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
const route = (handler: Handler, prefix: string) => (name: string, event: Partial<ApiEventOptions>, status: number, code: string): BadRequest => ({
  name: `${prefix}: ${name}`,
  handler,
  event,
  status,
  code,
});
const putEvent = (name: string, body: unknown, status = 400, code = "invalid_request", extra: Partial<ApiEventOptions> = {}) =>
  route("putEvent", "put event")(name, { body, sub: ORGANIZER, claims: ORGANIZER_CLAIMS, ...extra }, status, code);
const register = (name: string, body: unknown, status = 400, code = "invalid_request", extra: Partial<ApiEventOptions> = {}) =>
  route("registerAttendees", "register")(name, { body, sub: ORGANIZER, ...extra }, status, code);
const attendees = route("listAttendees", "attendees");
const removal = route("removeAttendee", "remove attendee");
const myEvents = route("listMyEvents", "my events");
const eventOf = route("getEvent", "get event");
const deletion = route("deletePhoto", "delete photo");
const NEW_EVENT = { name: "Gala night", startsAt: "2026-06-01T18:00:00Z", endsAt: "2026-06-01T23:00:00+02:00" };

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
  initiate("an event that does not exist", VALID, 404, "event_not_found", { pathParameters: { eventId: "other-event" } }),
  list("limit 0", { limit: "0" }),
  list("limit 101", { limit: "101" }),
  list("limit negative", { limit: "-5" }),
  list("limit not a number", { limit: "ten" }),
  list("limit fractional", { limit: "2.5" }),
  list("limit empty", { limit: "" }),
  list("unknown query parameter", { sort: "oldest" }),
  list("cursor not base64url", { cursor: "***" }),
  list("cursor base64 of garbage", { cursor: Buffer.from("garbage").toString("base64url") }),
  list("cursor with a changed photo id", { cursor: cursorOf({ v: 1, k: "photos", s: EVENT_ID, a: "not-a-photo-id" }) }),
  list("cursor with an extra field", { cursor: cursorOf({ v: 1, k: "photos", s: EVENT_ID, a: PHOTO_ID, x: 1 }) }),
  list("cursor of another version", { cursor: cursorOf({ v: 2, k: "photos", s: EVENT_ID, a: PHOTO_ID }) }),
  list("cursor of another list", { cursor: cursorOf({ v: 1, k: "attendees", s: EVENT_ID, a: PHOTO_ID }) }),
  list("cursor of another event", { cursor: PHOTOS_CURSOR.encode("other-event", PHOTO_ID) }),
  list("cursor truncated", { cursor: PHOTOS_CURSOR.encode(EVENT_ID, PHOTO_ID).slice(0, -4) }),
  list("bad eventId", {}, { pathParameters: { eventId: "bad event" } }),
  list("no claims", {}, { sub: null }, 401, "unauthorized"),
  list("an event that does not exist", {}, { pathParameters: { eventId: "nowhere" } }, 404, "event_not_found"),
  get("malformed photo id", { eventId: EVENT_ID, photoId: "does-not-exist" }, 404, "not_found"),
  get("unknown photo id", { eventId: EVENT_ID, photoId: PHOTO_ID }, 404, "not_found"),
  get("bad eventId", { eventId: "bad.event", photoId: PHOTO_ID }, 400, "invalid_request"),
  get("no claims", { eventId: EVENT_ID, photoId: PHOTO_ID }, 401, "unauthorized", { sub: null }),
  get("an event that does not exist", { eventId: "nowhere", photoId: PHOTO_ID }, 404, "event_not_found"),
  putEvent("a caller outside the organizers group", NEW_EVENT, 403, "not_organizer", { claims: {}, pathParameters: { eventId: "new-event" } }),
  putEvent("another organizer's event", NEW_EVENT, 403, "not_event_organizer", { sub: "other-organizer" }),
  putEvent("no body", undefined),
  putEvent("no name", { startsAt: NEW_EVENT.startsAt }),
  putEvent("an empty name", { name: "  " }),
  putEvent("a name over 200 characters", { name: "n".repeat(LIMITS.eventNameMaxChars + 1) }),
  putEvent("a name that is not a string", { name: 42 }),
  putEvent("an unknown field", { ...NEW_EVENT, organizer: "me" }),
  putEvent("startsAt without a time zone", { ...NEW_EVENT, startsAt: "2026-06-01T18:00:00" }),
  putEvent("startsAt that is no date", { ...NEW_EVENT, startsAt: "next friday" }),
  putEvent("endsAt before startsAt", { ...NEW_EVENT, endsAt: "2026-05-31T18:00:00Z" }),
  putEvent("an unknown visibility", { ...NEW_EVENT, visibility: "public" }),
  putEvent("a bad eventId", NEW_EVENT, 400, "invalid_request", { pathParameters: { eventId: "gala night" } }),
  register("no body", undefined),
  register("no emails", {}),
  register("an empty list", { emails: [] }),
  register("101 addresses", { emails: Array.from({ length: LIMITS.registerMaxEmails + 1 }, (_, i) => `a${i}@example.com`) }),
  register("an address that is not one", { emails: ["ada@example.com", "not-an-email"] }),
  register("an address that is a number", { emails: [7] }),
  register("emails that is a string", { emails: "ada@example.com" }),
  register("an unknown field", { emails: ["ada@example.com"], role: "admin" }),
  register("a caller who is not the organizer", { emails: ["ada@example.com"] }, 403, "not_event_organizer", { sub: ATTENDEE }),
  register("an event that does not exist", { emails: ["ada@example.com"] }, 404, "event_not_found", { pathParameters: { eventId: "nowhere" } }),
  attendees("a caller who is not the organizer", { sub: ATTENDEE }, 403, "not_event_organizer"),
  attendees("limit 0", { sub: ORGANIZER, queryStringParameters: { limit: "0" } }, 400, "invalid_request"),
  attendees("a photo cursor", { sub: ORGANIZER, queryStringParameters: { cursor: PHOTOS_CURSOR.encode(EVENT_ID, PHOTO_ID) } }, 400, "invalid_request"),
  attendees("an event that does not exist", { sub: ORGANIZER, pathParameters: { eventId: "nowhere" } }, 404, "event_not_found"),
  removal("a bad userId", { sub: ORGANIZER, pathParameters: { eventId: EVENT_ID, userId: "a b" } }, 400, "invalid_request"),
  removal("a caller who is not the organizer", { sub: ATTENDEE, pathParameters: { eventId: EVENT_ID, userId: ATTENDEE } }, 403, "not_event_organizer"),
  removal("the organizer themself", { sub: ORGANIZER, pathParameters: { eventId: EVENT_ID, userId: ORGANIZER } }, 409, "cannot_remove_organizer"),
  eventOf("a bad eventId", { pathParameters: { eventId: "a.b" } }, 400, "invalid_request"),
  eventOf("an event that does not exist", { pathParameters: { eventId: "nowhere" } }, 404, "event_not_found"),
  eventOf("no claims", { sub: null }, 401, "unauthorized"),
  myEvents("limit 101", { queryStringParameters: { limit: "101" } }, 400, "invalid_request"),
  myEvents("another user's cursor", { queryStringParameters: { cursor: cursorOf({ v: 1, k: "events", s: "someone-else", a: EVENT_ID }) } }, 400, "invalid_request"),
  deletion("a malformed photo id", { pathParameters: { eventId: EVENT_ID, photoId: "x" } }, 404, "not_found"),
  deletion("an unknown photo", { pathParameters: { eventId: EVENT_ID, photoId: PHOTO_ID } }, 404, "not_found"),
  deletion("an event that does not exist", { pathParameters: { eventId: "nowhere", photoId: PHOTO_ID } }, 404, "event_not_found"),
];

let stack: FunctionStack;
let seededItems: Record<string, unknown>[];

beforeAll(async () => {
  stack = await startFunctionStack({ uploadLimitBytes: UPLOAD_LIMIT });
  await stack.seedEvent(EVENT_ID, ORGANIZER);
  await stack.seedAttendee(EVENT_ID, ATTENDEE);
  seededItems = await stack.scanItems();
});

afterAll(async () => {
  await stack?.stop();
});

test("the table covers at least 50 bad requests, and every route", () => {
  expect(new Set(BAD_REQUESTS.map((request) => request.handler))).toEqual(new Set(ROUTE_IDS));
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
