/**
 * The local stack end to end: `scripts/local/start.ts` as a child process, logged in through the Cognito
 * API, the API contract exercised over real HTTP, then a restart on the same data.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { createApiClient } from "../../client/api";
import { objectKey } from "../../functions/shared/keys";
import { EMULATOR_CLIENT_CONFIG } from "../../scripts/local/emulators";
import { putFile } from "../../client/node-put";
import { uploadPhoto } from "../../client/upload-photo";
import { acceptsConnections, findFreePort } from "../../scripts/local/ports";
import { readStackFile, type StackFile } from "../../scripts/local/stack-file";
import { generateSigningKey, signJwt } from "../helpers/jwt";
import { cognitoLocalPids, spawnStack, type StackProcess } from "../helpers/local-stack-process";

jest.setTimeout(120_000);

interface Tokens {
  readonly id: string;
  readonly access: string;
}

const REPO = join(__dirname, "..", "..");

describe("npm start (local stack)", () => {
  let dataDir: string;
  let workDir: string;
  let stackProcess: StackProcess;
  let stack: StackFile;
  let organizer: Tokens;
  let attendee: Tokens;
  let visitor: Tokens;
  let imagePath: string;
  let png: Buffer;

  async function logIn(user: StackFile["users"][number]): Promise<Tokens> {
    const cognito = new CognitoIdentityProviderClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.auth.cognitoEndpoint });
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: stack.auth.clientId,
        AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
      }),
    );
    cognito.destroy();
    return { id: AuthenticationResult!.IdToken!, access: AuthenticationResult!.AccessToken! };
  }

  async function start(): Promise<void> {
    stackProcess = spawnStack(dataDir, await findFreePort());
    await stackProcess.ready;
    stack = readStackFile(join(dataDir, "stack.json"));
    const organizerUser = stack.users.find((user) => user.organizerOf.includes("demo-event"))!;
    const attendeeUser = stack.users.find((user) => user.attendeeOf.includes("demo-event") && user.organizerOf.length === 0)!;
    const visitorUser = stack.users.find((user) => user.attendeeOf.length === 0)!;
    [organizer, attendee, visitor] = await Promise.all([logIn(organizerUser), logIn(attendeeUser), logIn(visitorUser)]);
  }

  function api(path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    return fetch(`${stack.apiUrl}${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...(init.token !== undefined && { authorization: init.token }),
        ...(init.body !== undefined && { "content-type": "application/json" }),
        ...init.headers,
      },
      ...(init.body !== undefined && { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    });
  }

  const initiate = (token: string, body: unknown, eventId = "demo-event") =>
    api(`/events/${eventId}/photos/initiate-upload`, { method: "POST", token: `Bearer ${token}`, body });

  async function itemCount(): Promise<number> {
    const client = new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.dynamodb.endpoint });
    const { Count } = await client.send(new ScanCommand({ TableName: stack.dynamodb.table, Select: "COUNT" }));
    client.destroy();
    return Count ?? 0;
  }

  async function upload(title: string) {
    const size = png.length;
    return uploadPhoto({
      api: createApiClient({ apiUrl: stack.apiUrl, token: () => attendee.id }),
      eventId: "demo-event",
      title,
      contentType: "image/png",
      contentLength: size,
      put: putFile(imagePath, size),
      pollIntervalMs: 100,
      timeoutMs: 30_000,
    });
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "local-stack-e2e-"));
    workDir = mkdtempSync(join(tmpdir(), "local-stack-files-"));
    imagePath = join(workDir, "photo.png");
    png = await sharp({ create: { width: 600, height: 300, channels: 3, background: { r: 200, g: 30, b: 90 } } }).png().toBuffer();
    writeFileSync(imagePath, png);
    await start();
  });

  afterAll(async () => {
    if (stackProcess.child.exitCode === null) {
      stackProcess.child.kill("SIGTERM");
      await stackProcess.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  it("writes stack.json in the contract's format", () => {
    expect(stack).toEqual({
      apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      webUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      auth: { cognitoEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), userPoolId: expect.any(String), clientId: expect.any(String) },
      users: [
        { username: expect.stringContaining("@"), password: expect.any(String), attendeeOf: ["demo-event"], organizerOf: ["demo-event"] },
        { username: expect.stringContaining("@"), password: expect.any(String), attendeeOf: ["demo-event"], organizerOf: [] },
        { username: expect.stringContaining("@"), password: expect.any(String), attendeeOf: [], organizerOf: [] },
      ],
      events: ["demo-event"],
      s3: { endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), bucket: expect.any(String) },
      dynamodb: { endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), table: expect.any(String) },
    });
    expect(stackProcess.output()).toContain(`Local stack ready: API ${stack.apiUrl}`);
  });

  it("checks tokens like the JWT authorizer", async () => {
    const claims = JSON.parse(Buffer.from(attendee.id.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = signJwt(claims, generateSigningKey("CognitoLocal"));
    for (const token of [undefined, "", "Bearer", "not-a-jwt", `Bearer ${forged}`, forged]) {
      const response = await api("/events/demo-event/photos", { token });
      expect({ token, status: response.status, body: await response.text() }).toEqual({ token, status: 401, body: '{"message":"Unauthorized"}' });
    }
    for (const token of [attendee.id, `Bearer ${attendee.id}`, attendee.access, `Bearer ${attendee.access}`]) {
      expect((await api("/events/demo-event/photos", { token })).status).toBe(200);
    }
  });

  it("routes exactly the contract's routes and answers CORS preflight", async () => {
    for (const [method, path] of [["GET", "/"], ["DELETE", "/events/demo-event/photos"], ["GET", "/events/demo-event/photos/x/y"]] as const) {
      const response = await api(path, { method, token: attendee.id });
      expect({ path, status: response.status, body: await response.json() }).toEqual({ path, status: 404, body: { message: "Not Found" } });
    }
    const preflight = await api("/events/demo-event/photos/initiate-upload", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  it("lets attendees initiate uploads and refuses everyone else", async () => {
    const body = { title: "t", contentType: "image/png", contentLength: 10 };
    const refused = await initiate(visitor.id, body);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "not_attendee" } });
    const granted = await initiate(attendee.access, body);
    expect(granted.status).toBe(201);
    expect(await granted.json()).toMatchObject({ method: "PUT", headers: { "Content-Type": "image/png", "Content-Length": "10", "If-None-Match": "*" } });
  });

  it("uploads a real PNG with a non-ASCII title through the S3 front and serves its WebP variants, never the original", async () => {
    const title = "Fête 🎉 — 日本語";
    const photo = await upload(title);
    expect(photo.status).toBe("ready");
    for (const [url, width] of [[photo.url, 600], [photo.thumbnailUrl, 400]] as const) {
      const served = Buffer.from(await (await fetch(url!)).arrayBuffer());
      expect(served.equals(await readFile(imagePath))).toBe(false);
      expect(await sharp(served).metadata()).toMatchObject({ format: "webp", width, height: width / 2 });
    }

    const fetched = await api(`/events/demo-event/photos/${photo.id}`, { token: visitor.id });
    expect(await fetched.json()).toMatchObject({ id: photo.id, title, status: "ready", url: photo.url, thumbnailUrl: photo.thumbnailUrl, contentType: "image/png", width: 600, height: 300 });
    // Photo URLs and the original share the photos base URL; only photos/ is served there, as by CloudFront.
    const original = await fetch(`${new URL(photo.url!).origin}/${objectKey("demo-event", photo.id, "image/png")}`);
    expect(original.status).toBe(403);
    expect(await original.text()).toContain("<Code>AccessDenied</Code>");
  });

  it("prints the processor's real reason when `npm run upload` sends a broken image", async () => {
    const broken = join(workDir, "broken.jpg");
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "white" } }).jpeg().toBuffer();
    writeFileSync(broken, jpeg.subarray(0, jpeg.length - 400));
    const run = promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/cli/upload.ts", broken, "--event", "demo-event", "--title", "broken", "--stack-file", join(dataDir, "stack.json")],
      { cwd: REPO },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/upload failed: photo \S+ was rejected by the processor: The JPEG file could not be decoded .* \(corrupt_image\)/),
    });
  });

  it("refuses a presigned PUT whose signature or content type was changed, with S3's error, storing nothing", async () => {
    const size = png.length;
    const response = await initiate(attendee.id, { title: "tampered", contentType: "image/png", contentLength: size });
    const { photoId, s3PutObjectUrl, headers } = (await response.json()) as { photoId: string; s3PutObjectUrl: string; headers: Record<string, string> };
    const tampered = new URL(s3PutObjectUrl);
    tampered.searchParams.set("X-Amz-Signature", "0".repeat(64));
    for (const [url, sent] of [[tampered.href, headers], [s3PutObjectUrl, { ...headers, "Content-Type": "image/jpeg" }]] as const) {
      const put = await fetch(url, { method: "PUT", headers: sent, body: png });
      expect(put.status).toBe(403);
      expect(await put.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    }
    const s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.s3.endpoint, forcePathStyle: true });
    await expect(s3.send(new HeadObjectCommand({ Bucket: stack.s3.bucket, Key: objectKey("demo-event", photoId, "image/png") }))).rejects.toMatchObject({ name: "NotFound" });
    s3.destroy();
  });

  it("shows pending and rejected photos to their uploader only and never lists them", async () => {
    const size = png.length;
    const pendingResponse = await initiate(attendee.id, { title: "pending", contentType: "image/png", contentLength: size });
    const pending = (await pendingResponse.json()) as { photoId: string };
    const rejectedResponse = await initiate(attendee.id, { title: "rejected", contentType: "image/png", contentLength: size });
    const rejected = (await rejectedResponse.json()) as { photoId: string; s3PutObjectUrl: string; headers: Record<string, string> };
    const put = await fetch(rejected.s3PutObjectUrl, { method: "PUT", headers: rejected.headers, body: Buffer.alloc(size, 0x41) });
    expect(put.ok).toBe(true);

    const status = async (photoId: string, token: string) => {
      const response = await api(`/events/demo-event/photos/${photoId}`, { token });
      return response.status === 200 ? ((await response.json()) as { status: string }).status : response.status;
    };
    while ((await status(rejected.photoId, attendee.id)) === "pending") await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await status(rejected.photoId, attendee.id)).toBe("rejected");
    expect(await status(pending.photoId, attendee.id)).toBe("pending");
    expect(await status(rejected.photoId, visitor.id)).toBe(404);
    expect(await status(pending.photoId, visitor.id)).toBe(404);

    const listed = (await (await api("/events/demo-event/photos?limit=100", { token: attendee.id })).json()) as { photos: Array<{ id: string }> };
    expect(listed.photos.map((photo) => photo.id)).not.toEqual(expect.arrayContaining([pending.photoId]));
    expect(listed.photos.map((photo) => photo.id)).not.toEqual(expect.arrayContaining([rejected.photoId]));
  });

  it("pages through photos newest first and refuses a tampered cursor", async () => {
    for (const title of ["page 1", "page 2", "page 3"]) await upload(title);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : "limit=2";
      const page = (await (await api(`/events/demo-event/photos?${query}`, { token: visitor.id })).json()) as { photos: Array<{ id: string }>; nextCursor: string | null };
      expect(page.photos.length).toBeLessThanOrEqual(2);
      seen.push(...page.photos.map((photo) => photo.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);

    const first = (await (await api("/events/demo-event/photos?limit=1", { token: visitor.id })).json()) as { nextCursor: string };
    const tampered = `${first.nextCursor.slice(0, -2)}xx`;
    expect((await api(`/events/demo-event/photos?cursor=${encodeURIComponent(tampered)}`, { token: visitor.id })).status).toBe(400);
  });

  it("refuses bad input without writing anything", async () => {
    const before = await itemCount();
    const valid = { title: "ok", contentType: "image/png", contentLength: 100 };
    const corpus: Array<[unknown, number, string?]> = [
      ["{not json", 400],
      [[], 400],
      [{}, 400],
      [{ ...valid, title: "   " }, 400],
      [{ ...valid, title: "x".repeat(201) }, 400],
      [{ ...valid, description: "x".repeat(2001) }, 400],
      [{ ...valid, contentLength: 0 }, 400],
      [{ ...valid, contentLength: 1.5 }, 400],
      [{ ...valid, contentLength: "100" }, 400],
      [{ ...valid, contentLength: 20 * 1024 * 1024 + 1 }, 413],
      [{ ...valid, contentType: "image/gif" }, 415],
      [valid, 400, "bad event!"],
      [valid, 400, "x".repeat(65)],
    ];
    for (const [body, expected, eventId] of corpus) {
      const response = await initiate(attendee.id, body, eventId === undefined ? "demo-event" : encodeURIComponent(eventId));
      expect({ body, status: response.status }).toEqual({ body, status: expected });
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect(await itemCount()).toBe(before);
  });

  it("lets the seeded organizer create an event and register an attendee by email, who may then upload", async () => {
    const organizerApi = createApiClient({ apiUrl: stack.apiUrl, token: () => organizer.id });
    const visitorUser = stack.users.find((user) => user.attendeeOf.length === 0)!;
    // The organizer's access token carries the group too, as API Gateway passes it.
    const accessApi = createApiClient({ apiUrl: stack.apiUrl, token: () => organizer.access });
    expect(await accessApi.putEvent("e2e-event", { name: "End to end" })).toMatchObject({ eventId: "e2e-event", role: "organizer" });
    const visitorApi = createApiClient({ apiUrl: stack.apiUrl, token: () => visitor.id });
    await expect(visitorApi.initiateUpload("e2e-event", { title: "t", contentType: "image/png", contentLength: 10 })).rejects.toMatchObject({ status: 403, code: "not_attendee" });
    await expect(visitorApi.putEvent("visitor-event", { name: "Nope" })).rejects.toMatchObject({ status: 403, code: "not_organizer" });

    const registration = await organizerApi.registerAttendees("e2e-event", [visitorUser.username, "nobody@example.com"]);
    expect(registration).toEqual({ registered: [{ email: visitorUser.username, userId: expect.any(String) }], notFound: ["nobody@example.com"] });
    expect((await visitorApi.listMyEvents()).events.map((event) => event.eventId)).toContain("e2e-event");
    expect(await visitorApi.initiateUpload("e2e-event", { title: "t", contentType: "image/png", contentLength: 10 })).toMatchObject({ method: "PUT" });
    const { attendees } = await organizerApi.listAttendees("e2e-event");
    expect(attendees.find((entry) => entry.email === visitorUser.username)).toMatchObject({ uploads: 1 });
    await expect(visitorApi.listAttendees("e2e-event")).rejects.toMatchObject({ status: 403, code: "not_event_organizer" });
  });

  it("lets an uploader delete their own photo and the organizer moderate any", async () => {
    const photo = await upload("to delete");
    const visitorApi = createApiClient({ apiUrl: stack.apiUrl, token: () => visitor.id });
    await expect(visitorApi.deletePhoto("demo-event", photo.id)).rejects.toMatchObject({ status: 403, code: "not_allowed" });
    const attendeeApi = createApiClient({ apiUrl: stack.apiUrl, token: () => attendee.id });
    await attendeeApi.deletePhoto("demo-event", photo.id);
    await expect(attendeeApi.getPhoto("demo-event", photo.id)).rejects.toMatchObject({ status: 404 });

    const moderated = await upload("to moderate");
    await createApiClient({ apiUrl: stack.apiUrl, token: () => organizer.id }).deletePhoto("demo-event", moderated.id);
    const listed = (await attendeeApi.listPhotos("demo-event", { limit: 100 })).photos.map((entry) => entry.id);
    expect(listed).not.toContain(photo.id);
    expect(listed).not.toContain(moderated.id);
  });

  it("serves the OpenAPI description", async () => {
    const response = await fetch(`${stack.apiUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(await readFile(join(__dirname, "..", "..", "openapi.json"), "utf8")));
  });

  it("stops on SIGTERM, frees every port, keeps the data across a restart, and every listed URL stays fetchable", async () => {
    const listed = async () =>
      ((await (await api("/events/demo-event/photos?limit=100", { token: visitor.id })).json()) as { photos: Array<{ id: string; url: string; thumbnailUrl: string }> }).photos;
    const photosBefore = await listed();
    const cognitoPids = cognitoLocalPids(dataDir);
    expect(cognitoPids).toHaveLength(1);

    stackProcess.child.kill("SIGTERM");
    expect(await stackProcess.exited).toBe(0);
    expect(cognitoLocalPids(dataDir)).toEqual([]);
    for (const url of [stack.apiUrl, stack.auth.cognitoEndpoint, stack.s3.endpoint, stack.dynamodb.endpoint]) expect(await acceptsConnections(url)).toBe(false);

    await start();
    // The emulator listens on a new port: URLs composed when read follow it, stored ones would not.
    const photosAfter = await listed();
    // Ports are kept across restarts, so even the URLs a client held from before still answer.
    expect(photosAfter).toEqual(photosBefore);
    expect(photosAfter.length).toBeGreaterThan(0);
    for (const photo of photosAfter) {
      for (const url of [photo.url, photo.thumbnailUrl]) {
        const served = await fetch(url);
        expect({ url, status: served.status, type: served.headers.get("content-type") }).toEqual({ url, status: 200, type: "image/webp" });
      }
    }
    expect((await upload("after restart")).status).toBe("ready");
  });
});
