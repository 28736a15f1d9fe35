/**
 * The upload lifecycle through the real handlers against s3rver and dynalite: initiate, a real HTTP
 * PUT to the presigned URL, the S3 notification to the processor, then list and get.
 */
import { ACCEPTED_CONTENT_TYPES, NO_OVERWRITE_HEADER, type AcceptedContentType } from "../../functions/shared/contract";
import { apiEvent, parseResponse } from "../helpers/api-events";
import { startFunctionStack, type FunctionStack } from "../helpers/function-stack";
import { notAnImage, TINY_IMAGES } from "../helpers/images";
import { objectCreatedEvent } from "../helpers/s3-events";

const EVENT_ID = "summer-party";
const ATTENDEE = "attendee-sub";
const OTHER_ATTENDEE = "other-attendee-sub";
const OUTSIDER = "outsider-sub";

let stack: FunctionStack;

beforeAll(async () => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  stack = await startFunctionStack();
  await stack.seedAttendee(EVENT_ID, ATTENDEE);
  await stack.seedAttendee(EVENT_ID, OTHER_ATTENDEE);
});

afterAll(async () => {
  await stack?.stop();
  jest.restoreAllMocks();
});

interface Upload {
  photoId: string;
  s3PutObjectUrl: string;
  headers: Record<string, string>;
  key: string;
}

async function initiate(body: Record<string, unknown>, sub = ATTENDEE, eventId = EVENT_ID) {
  return parseResponse(
    await stack.callRoute("initiateUpload", apiEvent({ route: "initiateUpload", pathParameters: { eventId }, body, sub })),
  );
}

/** Initiates an upload and PUTs `bytes` to its URL with the headers the API said to send. */
async function upload(
  bytes: Buffer,
  options: { contentType?: AcceptedContentType; title?: string; description?: string; declaredLength?: number; sub?: string } = {},
): Promise<Upload> {
  const contentType = options.contentType ?? "image/png";
  const { status, body } = await initiate(
    {
      title: options.title ?? "A photo",
      ...(options.description === undefined ? {} : { description: options.description }),
      contentType,
      contentLength: options.declaredLength ?? bytes.length,
    },
    options.sub,
  );
  expect(status).toBe(201);
  const key = new URL(body.s3PutObjectUrl).pathname.split("/").slice(2).map(decodeURIComponent).join("/");
  if (options.declaredLength === undefined) {
    const put = await fetch(body.s3PutObjectUrl, { method: "PUT", headers: body.headers, body: bytes });
    expect(put.status).toBe(200);
  } else {
    // A body whose length differs from the signed one cannot be sent through the URL (fetch and S3
    // refuse); write it directly to exercise the processor's own size check.
    await stack.putObject(key, bytes, contentType);
  }
  return { ...body, key };
}

async function processKeys(...keys: string[]) {
  await stack.invoke("process-upload", objectCreatedEvent(stack.emulators.bucket, keys.map((key) => ({ key, size: 0 }))));
}

async function getPhoto(photoId: string, sub = ATTENDEE) {
  return parseResponse(
    await stack.callRoute("getPhoto", apiEvent({ route: "getPhoto", pathParameters: { eventId: EVENT_ID, photoId }, sub })),
  );
}

async function listPhotos(query?: Record<string, string>, sub = ATTENDEE) {
  return parseResponse(
    await stack.callRoute("listPhotos", 
      apiEvent({ route: "listPhotos", pathParameters: { eventId: EVENT_ID }, queryStringParameters: query, sub }),
    ),
  );
}

async function expectRejected(upload: Upload, reason: string) {
  await processKeys(upload.key);
  expect(await stack.listObjectKeys()).not.toContain(upload.key);
  const own = await getPhoto(upload.photoId);
  expect(own.body).toMatchObject({ id: upload.photoId, status: "rejected", url: null });
  expect(own.body).not.toHaveProperty("reason");
  const logged = (console.log as jest.Mock).mock.calls.map(([line]) => JSON.parse(String(line)));
  expect(logged).toContainEqual(expect.objectContaining({ outcome: "rejected", reason, key: upload.key }));
}

describe("initiate, upload, process, list, get", () => {
  test.each(ACCEPTED_CONTENT_TYPES)("a %s upload becomes a listed photo", async (contentType) => {
    const bytes = TINY_IMAGES[contentType];
    const started = await upload(bytes, { contentType, title: "Sunset", description: "over the lake" });
    expect(started.key).toMatch(new RegExp(`^uploads/${EVENT_ID}/${started.photoId}\\.(png|jpg|webp)$`));

    expect((await getPhoto(started.photoId)).body.status).toBe("pending");
    await processKeys(started.key);

    const photo = await getPhoto(started.photoId, OTHER_ATTENDEE);
    expect(photo).toEqual({
      status: 200,
      body: {
        id: started.photoId,
        eventId: EVENT_ID,
        title: "Sunset",
        description: "over the lake",
        contentType,
        sizeBytes: bytes.length,
        url: `${stack.photosBaseUrl}/${started.key}`,
        uploadedBy: ATTENDEE,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        status: "ready",
      },
    });
    const listed = { ...photo.body };
    delete listed.status;
    expect((await listPhotos()).body.photos[0]).toEqual(listed);

    const served = await fetch(photo.body.url);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
  });

  test("the 201 body follows the contract and the URL is signed as required", async () => {
    const before = Date.now();
    const { status, body } = await initiate({ title: "t", contentType: "image/webp", contentLength: 1234 });
    expect(status).toBe(201);
    expect(Object.keys(body).sort()).toEqual(["expiresAt", "headers", "method", "photoId", "s3PutObjectUrl"]);
    expect(body.method).toBe("PUT");
    expect(body.headers).toEqual({ "Content-Type": "image/webp", "Content-Length": "1234", "If-None-Match": "*" });
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThan(before);
    expect(expiresAt).toBeLessThanOrEqual(before + 300_000 + 1000);

    const url = new URL(body.s3PutObjectUrl);
    expect(url.pathname).toBe(`/${stack.emulators.bucket}/uploads/${EVENT_ID}/${body.photoId}.webp`);
    const params = url.searchParams;
    expect(Number(params.get("X-Amz-Expires"))).toBeGreaterThan(0);
    expect(Number(params.get("X-Amz-Expires"))).toBeLessThanOrEqual(300);
    // Signing If-None-Match makes S3 refuse a second PUT to the key: a URL sent without it is invalid.
    expect(params.get("X-Amz-SignedHeaders")?.split(";")).toEqual(expect.arrayContaining(["content-length", "content-type", "host", "if-none-match"]));
    const names = [...params.keys()].map((name) => name.toLowerCase());
    expect(names.filter((name) => name.startsWith("x-amz-checksum") || name === "x-amz-sdk-checksum-algorithm")).toEqual([]);
    expect(params.get("x-amz-meta-photo-id")).toBe(body.photoId);
    expect(params.get("x-amz-meta-event-id")).toBe(EVENT_ID);
    expect(params.get("x-amz-meta-uploaded-by")).toBe(ATTENDEE);
  });

  test("a browser may send the returned headers: the bucket's CORS preflight allows them", async () => {
    const { body } = await initiate({ title: "t", contentType: "image/png", contentLength: 10 });
    const preflight = await fetch(body.s3PutObjectUrl, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "PUT",
        "access-control-request-headers": `content-type,${NO_OVERWRITE_HEADER.name.toLowerCase()}`,
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(NO_OVERWRITE_HEADER.name.toLowerCase());
  });

  test("an emoji and non-Latin title and description round-trip exactly", async () => {
    const title = "Sunset 🌅 über 東京 👨‍👩‍👧";
    const description = "Ünïcödé ✓ — \u00e9 vs e\u0301, 🎉".repeat(10);
    const started = await upload(TINY_IMAGES["image/jpeg"], { contentType: "image/jpeg", title, description });
    await processKeys(started.key);
    const { body } = await getPhoto(started.photoId);
    expect(body.title).toBe(title);
    expect(body.description).toBe(description);
  });

  test("a non-attendee gets 403 not_attendee and nothing is written", async () => {
    const before = await stack.scanItems();
    const { status, body } = await initiate({ title: "x", contentType: "image/png", contentLength: 10 }, OUTSIDER);
    expect(status).toBe(403);
    expect(body.error).toEqual({ code: "not_attendee", message: expect.stringContaining(EVENT_ID) });
    expect(await stack.scanItems()).toEqual(before);
  });

  test("a duplicate notification, also delivered concurrently, makes one photo", async () => {
    const started = await upload(TINY_IMAGES["image/png"]);
    await Promise.all([processKeys(started.key, started.key), processKeys(started.key)]);
    await processKeys(started.key);
    const photos = (await stack.scanItems()).filter((item) => item.sk === `PHOTO#${started.photoId}`);
    expect(photos).toHaveLength(1);
    expect(await stack.listObjectKeys()).toContain(started.key);
    expect((await getPhoto(started.photoId)).body.status).toBe("ready");
  });

  test("pending and rejected uploads are visible to their uploader only", async () => {
    const started = await upload(TINY_IMAGES["image/png"]);
    expect((await getPhoto(started.photoId, OTHER_ATTENDEE)).status).toBe(404);
    expect((await getPhoto(started.photoId)).body.status).toBe("pending");
    const listed = (await listPhotos({ limit: "100" })).body.photos.map((photo: { id: string }) => photo.id);
    expect(listed).not.toContain(started.photoId);
  });
});

/**
 * S3 refuses a second PUT through the URL (it signs If-None-Match, and the bucket policy denies
 * PUTs under uploads/ without it); the processor's ETag check is the backstop where S3 cannot
 * enforce that, e.g. an emulator, so these tests write the second object directly.
 */
describe("an object overwritten after acceptance", () => {
  async function acceptedUpload() {
    const started = await upload(TINY_IMAGES["image/png"]);
    await processKeys(started.key);
    expect((await getPhoto(started.photoId)).body.status).toBe("ready");
    return started;
  }

  async function overwrite(started: Upload, bytes: Buffer) {
    await stack.putObject(started.key, bytes, "image/png");
  }

  test("a repeated notification for the unchanged object leaves the photo ready", async () => {
    const started = await acceptedUpload();
    await processKeys(started.key, started.key);
    expect((await getPhoto(started.photoId, OTHER_ATTENDEE)).body.status).toBe("ready");
    expect(await stack.listObjectKeys()).toContain(started.key);
    const listed = (await listPhotos({ limit: "100" })).body.photos.map((photo: { id: string }) => photo.id);
    expect(listed).toContain(started.photoId);
  });

  test("other bytes of the same length: the object is deleted and the photo withdrawn", async () => {
    const started = await acceptedUpload();
    await overwrite(started, notAnImage(TINY_IMAGES["image/png"].length));
    // Delivered twice, concurrently too: the withdrawal is idempotent.
    await Promise.all([processKeys(started.key), processKeys(started.key)]);

    expect(await stack.listObjectKeys()).not.toContain(started.key);
    const listed = (await listPhotos({ limit: "100" })).body.photos.map((photo: { id: string }) => photo.id);
    expect(listed).not.toContain(started.photoId);
    expect((await getPhoto(started.photoId)).body).toMatchObject({ id: started.photoId, status: "rejected", url: null });
    expect((await getPhoto(started.photoId, OTHER_ATTENDEE)).status).toBe(404);
    const logged = (console.log as jest.Mock).mock.calls.map(([line]) => JSON.parse(String(line)));
    expect(logged).toContainEqual(expect.objectContaining({ outcome: "rejected", reason: "overwritten", key: started.key }));
  });

  test("a valid image of the same length is withdrawn too: photo keys are immutable", async () => {
    const started = await acceptedUpload();
    const other = Buffer.from(TINY_IMAGES["image/png"]);
    other[other.length - 20] = (other[other.length - 20] ?? 0) ^ 0xff;
    await overwrite(started, other);
    await processKeys(started.key);
    expect(await stack.listObjectKeys()).not.toContain(started.key);
    expect((await getPhoto(started.photoId)).body.status).toBe("rejected");
  });
});

describe("rejections delete the object and mark the intent", () => {
  test("bytes that are not the declared type", async () => {
    await expectRejected(await upload(notAnImage(64)), "bytes_not_declared_type");
  });

  test("bytes of another accepted type", async () => {
    await expectRejected(await upload(TINY_IMAGES["image/jpeg"], { contentType: "image/png" }), "bytes_not_declared_type");
  });

  test("a size other than the declared one", async () => {
    const started = await upload(TINY_IMAGES["image/png"], { declaredLength: TINY_IMAGES["image/png"].length + 1 });
    await expectRejected(started, "size_mismatch");
  });

  test("an object with no intent", async () => {
    const key = `uploads/${EVENT_ID}/01ARZ3NDEKTSV4RRFFQ69G5FAV.png`;
    await stack.putObject(key, TINY_IMAGES["image/png"], "image/png");
    await processKeys(key);
    expect(await stack.listObjectKeys()).not.toContain(key);
    expect((await stack.scanItems()).filter((item) => String(item.sk).endsWith("01ARZ3NDEKTSV4RRFFQ69G5FAV"))).toEqual([]);
  });

  test("keys with spaces, '+' and Unicode outside the scheme, URL-encoded as S3 sends them", async () => {
    const keys = ["uploads/my event/holiday photo.png", "uploads/été 東京/😀+1.jpg", "uploads/x/a%20b.webp"];
    for (const key of keys) await stack.putObject(key, TINY_IMAGES["image/png"], "image/png");
    await processKeys(...keys);
    const remaining = await stack.listObjectKeys();
    for (const key of keys) expect(remaining).not.toContain(key);
  });
});

test("a failing record does not stop the batch; the failure is thrown once the batch is done", async () => {
  const started = await upload(TINY_IMAGES["image/png"]);
  const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const event = objectCreatedEvent(stack.emulators.bucket, [{ key: started.key, size: 1 }]);
  // A key S3 could not have encoded: decoding throws, standing in for any error of one record.
  event.Records.unshift({ ...event.Records[0]!, s3: { ...event.Records[0]!.s3, object: { key: "uploads/%E0%A4%A", size: 1, eTag: "", sequencer: "" } } });
  await expect(stack.invoke("process-upload", event)).rejects.toMatchObject({ name: "UploadBatchError", failedKeys: ["uploads/%E0%A4%A"] });
  expect((await getPhoto(started.photoId)).body.status).toBe("ready");
  expect(String(errors.mock.calls[0]?.[0])).toContain("uploads/%E0%A4%A");
  errors.mockRestore();
});

test("a batch of 25 records: every one is processed", async () => {
  const types = Array.from({ length: 25 }, (_, index) => ACCEPTED_CONTENT_TYPES[index % ACCEPTED_CONTENT_TYPES.length] ?? "image/png");
  const started = await Promise.all(
    types.map((contentType, index) =>
      index % 5 === 4
        ? upload(notAnImage(40), { contentType, title: `bad ${index}` })
        : upload(TINY_IMAGES[contentType], { contentType, title: `photo ${index}` }),
    ),
  );
  await processKeys(...started.map((upload) => upload.key));
  const statuses = await Promise.all(started.map(async (upload) => (await getPhoto(upload.photoId)).body.status));
  expect(statuses).toEqual(types.map((_, index) => (index % 5 === 4 ? "rejected" : "ready")));
});

test("listing pages newest first with an opaque cursor, ending with null", async () => {
  const all: string[] = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await listPhotos({ limit: "7", ...(cursor ? { cursor } : {}) });
    expect(status).toBe(200);
    expect(body.photos.length).toBeLessThanOrEqual(7);
    all.push(...body.photos.map((photo: { id: string }) => photo.id));
    cursor = body.nextCursor ?? undefined;
    if (cursor) expect(body.photos).toHaveLength(7);
  } while (cursor);

  const ready = (await stack.scanItems()).filter((item) => String(item.sk).startsWith("PHOTO#")).map((item) => String(item.photoId));
  expect(all).toEqual([...ready].sort().reverse());
  expect(new Set(all).size).toBe(all.length);
  expect((await listPhotos({ limit: String(all.length) })).body.nextCursor).toBeNull();
});
