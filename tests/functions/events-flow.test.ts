/**
 * The management side through the real handlers against dynalite, s3rver and cognito-local:
 * events and roles, registration by email, attendee lists, quotas, visibility. Every answer is
 * checked against openapi.json by the function stack.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { RouteId } from "../../functions/shared/contract";
import { startCognitoLocal, type CognitoLocal } from "../../scripts/local/cognito-local";
import { createCognitoClient, ensureUser, ensureUserPool } from "../../scripts/local/cognito-pool";
import { apiEvent, parseResponse, type ApiEventOptions } from "../helpers/api-events";
import { startFunctionStack, type FunctionStack } from "../helpers/function-stack";

jest.setTimeout(60_000);

const ORGANIZER = "organizer-sub";
const OTHER_ORGANIZER = "other-organizer-sub";
/** API Gateway hands the groups claim over as `[a b]`, for ID and access tokens alike. */
const IN_ORGANIZERS = { "cognito:groups": "[organizers]" };
const PASSWORD = "Example-Passw0rd!";

let cognitoDir: string;
let cognito: CognitoLocal;
let cognitoClient: CognitoIdentityProviderClient;
let stack: FunctionStack;
/** email -> sub of the pool's users */
const users = new Map<string, string>();

beforeAll(async () => {
  cognitoDir = mkdtempSync(join(tmpdir(), "events-cognito-"));
  cognito = await startCognitoLocal({ directory: cognitoDir });
  cognitoClient = createCognitoClient(cognito.endpoint);
  const pool = await ensureUserPool(cognitoClient);
  for (const email of ["ada@example.com", "grace@example.com", "linus@example.com"]) {
    users.set(email, await ensureUser(cognitoClient, pool.userPoolId, { username: email, password: PASSWORD }));
  }
  stack = await startFunctionStack({ uploadQuota: 2, cognito: { endpoint: cognito.endpoint, userPoolId: pool.userPoolId } });
});

afterAll(async () => {
  await stack?.stop();
  cognitoClient?.destroy();
  await cognito?.stop();
  rmSync(cognitoDir, { recursive: true, force: true });
});

function sub(email: string): string {
  const found = users.get(email);
  if (!found) throw new Error(`no test user ${email}`);
  return found;
}

async function call(route: RouteId, options: Omit<ApiEventOptions, "route">) {
  return parseResponse(await stack.callRoute(route, apiEvent({ route, ...options })));
}

const putEvent = (eventId: string, body: unknown, caller = ORGANIZER, claims: Record<string, unknown> = IN_ORGANIZERS) =>
  call("putEvent", { pathParameters: { eventId }, body, sub: caller, claims });
const getEvent = (eventId: string, caller: string) => call("getEvent", { pathParameters: { eventId }, sub: caller });
const register = (eventId: string, emails: unknown, caller = ORGANIZER) => call("registerAttendees", { pathParameters: { eventId }, body: { emails }, sub: caller });
const attendeesOf = (eventId: string, query: Record<string, string> = {}) =>
  call("listAttendees", { pathParameters: { eventId }, queryStringParameters: query, sub: ORGANIZER });
const initiate = (eventId: string, caller: string) =>
  call("initiateUpload", { pathParameters: { eventId }, body: { title: "t", contentType: "image/png", contentLength: 10 }, sub: caller });

describe("events", () => {
  test("an organizer creates an event (201) and replaces its fields (200); unset times are null", async () => {
    const created = await putEvent("launch", { name: "  Launch party ", startsAt: "2026-06-01T20:00:00+02:00", endsAt: "2026-06-01T23:00:00Z" });
    expect(created).toEqual({
      status: 201,
      body: { eventId: "launch", name: "Launch party", startsAt: "2026-06-01T20:00:00+02:00", endsAt: "2026-06-01T23:00:00Z", visibility: "signed-in", role: "organizer" },
    });
    const updated = await putEvent("launch", { name: "Launch", visibility: "attendees" });
    expect(updated).toEqual({ status: 200, body: { eventId: "launch", name: "Launch", startsAt: null, endsAt: null, visibility: "attendees", role: "organizer" } });
    expect((await getEvent("launch", ORGANIZER)).body).toEqual(updated.body);
  });

  test("the groups claim is read in every shape API Gateway and tokens give it", async () => {
    for (const [eventId, groups] of [["shape-brackets", "[staff organizers]"], ["shape-json", '["organizers"]'], ["shape-array", ["organizers"]]] as const) {
      expect((await putEvent(eventId, { name: eventId }, ORGANIZER, { "cognito:groups": groups })).status).toBe(201);
    }
    const refused = await putEvent("shape-other", { name: "x" }, ORGANIZER, { "cognito:groups": "[staff]" });
    expect(refused.body.error.code).toBe("not_organizer");
  });

  test("another organizer cannot take an event over, and nothing changes", async () => {
    await putEvent("mine", { name: "Mine" });
    const before = await stack.scanItems();
    const taken = await putEvent("mine", { name: "Theirs" }, OTHER_ORGANIZER);
    expect(taken).toEqual({ status: 403, body: { error: { code: "not_event_organizer", message: expect.stringContaining("another organizer") } } });
    expect(await stack.scanItems()).toEqual(before);
  });

  test("each caller sees their role: organizer, attendee, none", async () => {
    await putEvent("roles", { name: "Roles" });
    await register("roles", ["ada@example.com"]);
    expect((await getEvent("roles", ORGANIZER)).body.role).toBe("organizer");
    expect((await getEvent("roles", sub("ada@example.com"))).body.role).toBe("attendee");
    expect((await getEvent("roles", sub("linus@example.com"))).body.role).toBe("none");
  });

  test("/me/events lists what a user attends or organizes, a page at a time", async () => {
    const ada = sub("ada@example.com");
    for (const eventId of ["page-a", "page-b", "page-c"]) {
      await putEvent(eventId, { name: eventId.toUpperCase() });
      await register(eventId, ["ada@example.com"]);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await call("listMyEvents", { sub: ada, queryStringParameters: { limit: "2", ...(cursor && { cursor }) } });
      expect(status).toBe(200);
      expect(body.events.length).toBeLessThanOrEqual(2);
      for (const event of body.events) expect(event.role).toBe("attendee");
      seen.push(...body.events.map((event: { eventId: string }) => event.eventId));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(["page-a", "page-b", "page-c", "roles"]));
    expect([...seen].sort()).toEqual(seen);
    const organizerEvents = (await call("listMyEvents", { sub: ORGANIZER, queryStringParameters: { limit: "100" } })).body.events;
    expect(organizerEvents.find((event: { eventId: string }) => event.eventId === "page-a")).toMatchObject({ role: "organizer", name: "PAGE-A" });
    expect((await call("listMyEvents", { sub: "nobody" })).body).toEqual({ events: [], nextCursor: null });
  });
});

describe("registration by email", () => {
  test("registers known users, reports unknown addresses, ignores case and repeats", async () => {
    await putEvent("reg", { name: "Registration" });
    const { status, body } = await register("reg", ["Ada@Example.com", "ghost@example.com", "ada@example.com", " grace@example.com "]);
    expect(status).toBe(200);
    expect(body).toEqual({
      registered: [
        { email: "ada@example.com", userId: sub("ada@example.com") },
        { email: "grace@example.com", userId: sub("grace@example.com") },
      ],
      notFound: ["ghost@example.com"],
    });
    const listed = (await attendeesOf("reg")).body.attendees.map((attendee: { email: string }) => attendee.email).sort();
    expect(listed).toEqual(["ada@example.com", "grace@example.com", null].sort());
  });

  test("is idempotent: registering again keeps the upload count and the registration time", async () => {
    await putEvent("again", { name: "Again" });
    await register("again", ["ada@example.com"]);
    expect((await initiate("again", sub("ada@example.com"))).status).toBe(201);
    const first = (await attendeesOf("again")).body.attendees.find((attendee: { userId: string }) => attendee.userId === sub("ada@example.com"));
    expect(first.uploads).toBe(1);
    await register("again", ["ada@example.com"]);
    const second = (await attendeesOf("again")).body.attendees.find((attendee: { userId: string }) => attendee.userId === sub("ada@example.com"));
    expect(second).toEqual(first);
  });

  test("a registered user may upload; once removed (204, also when absent) they may not", async () => {
    await putEvent("removal", { name: "Removal" });
    const grace = sub("grace@example.com");
    expect((await initiate("removal", grace)).body.error.code).toBe("not_attendee");
    await register("removal", ["grace@example.com"]);
    expect((await initiate("removal", grace)).status).toBe(201);
    for (let i = 0; i < 2; i += 1) {
      expect(await call("removeAttendee", { pathParameters: { eventId: "removal", userId: grace }, sub: ORGANIZER })).toEqual({ status: 204, body: null });
    }
    expect((await initiate("removal", grace)).body.error.code).toBe("not_attendee");
  });

  test("attendee lists page by user id with an opaque cursor", async () => {
    await putEvent("paged", { name: "Paged" });
    await register("paged", ["ada@example.com", "grace@example.com", "linus@example.com"]);
    const first = await attendeesOf("paged", { limit: "2" });
    expect(first.body.attendees).toHaveLength(2);
    const second = await attendeesOf("paged", { limit: "2", cursor: first.body.nextCursor });
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.attendees, ...second.body.attendees].map((attendee: { userId: string }) => attendee.userId);
    expect(all.sort()).toEqual([ORGANIZER, sub("ada@example.com"), sub("grace@example.com"), sub("linus@example.com")].sort());
  });
});

describe("quota", () => {
  test("an attendee's uploads past the stage's quota are refused with 429, and nothing is written", async () => {
    await putEvent("quota", { name: "Quota" });
    await register("quota", ["linus@example.com"]);
    const linus = sub("linus@example.com");
    expect((await initiate("quota", linus)).status).toBe(201);
    expect((await initiate("quota", linus)).status).toBe(201);
    const before = await stack.scanItems();
    const refused = await initiate("quota", linus);
    expect(refused).toEqual({ status: 429, body: { error: { code: "upload_quota_exceeded", message: expect.stringContaining("(2)") } } });
    expect(await stack.scanItems()).toEqual(before);
    // The quota is per attendee: the organizer still uploads.
    expect((await initiate("quota", ORGANIZER)).status).toBe(201);
  });
});

describe("visibility", () => {
  test("an attendees-only event lists and shows photos to attendees only", async () => {
    await putEvent("private", { name: "Private", visibility: "attendees" });
    await register("private", ["ada@example.com"]);
    const list = (caller: string) => call("listPhotos", { pathParameters: { eventId: "private" }, sub: caller });
    expect((await list(sub("ada@example.com"))).status).toBe(200);
    expect((await list(ORGANIZER)).status).toBe(200);
    expect((await list(sub("linus@example.com"))).body.error.code).toBe("not_attendee");
    const photo = await call("getPhoto", { pathParameters: { eventId: "private", photoId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }, sub: sub("linus@example.com") });
    expect(photo.body.error.code).toBe("not_attendee");
  });

  test("a signed-in event lists photos to anyone signed in", async () => {
    await putEvent("open", { name: "Open" });
    expect((await call("listPhotos", { pathParameters: { eventId: "open" }, sub: sub("linus@example.com") })).status).toBe(200);
  });
});
