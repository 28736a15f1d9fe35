/**
 * The upload lifecycle through the real handlers against s3rver and dynalite: initiate, a real HTTP
 * PUT to the presigned URL, the S3 notification to the processor (which decodes the image and
 * publishes its WebP variants), then list and get; and the processor's rejections, retries and
 * its cooperation with a concurrent DELETE, read back from the emulators.
 */
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import sharp from "sharp";
import { processUpload, type ProcessUploadDeps } from "../../functions/process-upload/process-upload";
import { renderVariants } from "../../functions/process-upload/render-variants";
import { ACCEPTED_CONTENT_TYPES, LIMITS, NO_OVERWRITE_HEADER, type AcceptedContentType } from "../../functions/shared/contract";
import { DynamoPhotoStore } from "../../functions/shared/dynamodb-photo-store";
import { uploadKey } from "../../functions/shared/keys";
import { S3PublishedVariants } from "../../functions/shared/published-variants";
import { S3UploadedObjects } from "../../functions/shared/uploaded-objects";
import { LOCAL_METRICS_NAMESPACE } from "../../scripts/local/handler-host";
import { apiEvent, parseResponse } from "../helpers/api-events";
import { startFunctionStack, type FunctionStack } from "../helpers/function-stack";
import { CAMERA_MAKE, makeImage, notAnImage, pngClaiming, truncated } from "../helpers/images";
import { objectCreatedEvent } from "../helpers/s3-events";

const EVENT_ID = "summer-party";
const ATTENDEE = "attendee-sub";
const OTHER_ATTENDEE = "other-attendee-sub";
const OUTSIDER = "outsider-sub";

let stack: FunctionStack;
/** One real image of each type, 1200 x 900 as stored, taken by a phone turned sideways (Orientation=6). */
const CAMERA_IMAGES = {} as Record<AcceptedContentType, Buffer>;
let smallPng: Buffer;

beforeAll(async () => {
  for (const type of ACCEPTED_CONTENT_TYPES) CAMERA_IMAGES[type] = await makeImage(type, { width: 1200, height: 900, cameraMetadata: true, orientation: 6 });
  smallPng = await makeImage("image/png");
  stack = await startFunctionStack();
  await stack.seedEvent(EVENT_ID, "organizer-sub");
  await stack.seedAttendee(EVENT_ID, ATTENDEE);
  await stack.seedAttendee(EVENT_ID, OTHER_ATTENDEE);
});

afterAll(async () => {
  await stack?.stop();
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

/** Every key of the upload `photoId`: its original and its variants. */
async function keysOf(photoId: string): Promise<string[]> {
  return (await stack.listObjectKeys()).filter((key) => key.includes(photoId));
}

async function expectRejected(upload: Upload, code: string, message: RegExp) {
  await processKeys(upload.key);
  expect(await keysOf(upload.photoId)).toEqual([]);
  const own = await getPhoto(upload.photoId);
  expect(own.body).toMatchObject({ id: upload.photoId, status: "rejected", url: null, thumbnailUrl: null, rejection: { code, message: expect.stringMatching(message) } });
  expect((await getPhoto(upload.photoId, OTHER_ATTENDEE)).status).toBe(404);
  expect(stack.logs.lines()).toContainEqual(
    expect.objectContaining({ level: "INFO", message: "upload processed", outcome: "rejected", code, key: upload.key, photoId: upload.photoId }),
  );
  expect(stack.logs.metrics()).toContainEqual(expect.objectContaining({ PhotosRejected: 1, reason: code, service: "process-upload" }));
}

/** The processor's core on the emulators, with the handler's own stores; `store` overrides some of them. */
function processorDeps(store: Partial<ProcessUploadDeps["store"]> = {}): ProcessUploadDeps {
  const real = new DynamoPhotoStore(stack.clients.documents, stack.emulators.table);
  return {
    store: {
      getUpload: (eventId, photoId) => real.getUpload(eventId, photoId),
      createPhoto: (photo) => real.createPhoto(photo),
      rejectIntent: (eventId, photoId, rejection) => real.rejectIntent(eventId, photoId, rejection),
      deletePhoto: (eventId, photoId, etag) => real.deletePhoto(eventId, photoId, etag),
      ...store,
    },
    objects: new S3UploadedObjects(stack.clients.s3, stack.emulators.bucket),
    variants: new S3PublishedVariants(stack.clients.s3, stack.emulators.bucket),
    render: renderVariants,
    pixelLimit: LIMITS.defaultPixelLimit,
    now: () => new Date(),
  };
}

/** What a DELETE does first (issue 11): mark the intent, before anything is removed. */
async function markDeleted(photoId: string) {
  await stack.clients.documents.send(
    new UpdateCommand({
      TableName: stack.emulators.table,
      Key: uploadKey(EVENT_ID, photoId),
      UpdateExpression: "SET #status = :deleted",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":deleted": "deleted" },
    }),
  );
}

describe("initiate, upload, process, list, get", () => {
  test.each(ACCEPTED_CONTENT_TYPES)("a %s upload becomes a listed photo with upright, metadata-free WebP variants", async (contentType) => {
    const bytes = CAMERA_IMAGES[contentType];
    const started = await upload(bytes, { contentType, title: "Sunset", description: "over the lake" });
    expect(started.key).toMatch(new RegExp(`^uploads/${EVENT_ID}/${started.photoId}\\.(png|jpg|webp)$`));

    expect((await getPhoto(started.photoId)).body.status).toBe("pending");
    await processKeys(started.key);

    const photo = await getPhoto(started.photoId, OTHER_ATTENDEE);
    const variantUrl = (variant: string) => `${stack.photosBaseUrl}/photos/${EVENT_ID}/${started.photoId}/${variant}.webp`;
    expect(photo).toEqual({
      status: 200,
      body: {
        id: started.photoId,
        eventId: EVENT_ID,
        title: "Sunset",
        description: "over the lake",
        contentType,
        sizeBytes: bytes.length,
        width: 900,
        height: 1200,
        url: variantUrl("display"),
        thumbnailUrl: variantUrl("thumb"),
        uploadedBy: ATTENDEE,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        takenAt: "2024-06-01T14:30:00+02:00",
        status: "ready",
      },
    });
    const listed = { ...photo.body };
    delete listed.status;
    expect((await listPhotos()).body.photos[0]).toEqual(listed);

    for (const [url, size] of [[photo.body.url, { width: 900, height: 1200 }], [photo.body.thumbnailUrl, { width: 300, height: 400 }]] as const) {
      const served = await fetch(url);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/webp");
      expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect([...served.headers.keys()].filter((name) => name.startsWith("x-amz-meta-"))).toEqual([]);
      const webp = Buffer.from(await served.arrayBuffer());
      expect(webp.includes(CAMERA_MAKE)).toBe(false);
      const metadata = await sharp(webp).metadata();
      expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: "webp", ...size });
      expect({ exif: metadata.exif, xmp: metadata.xmp, iptc: metadata.iptc, orientation: metadata.orientation }).toEqual({
        exif: undefined,
        xmp: undefined,
        iptc: undefined,
        orientation: undefined,
      });
    }
    expect(await keysOf(started.photoId)).toEqual([`photos/${EVENT_ID}/${started.photoId}/display.webp`, `photos/${EVENT_ID}/${started.photoId}/thumb.webp`, started.key].sort());
  });

  test("each function logs and counts as itself: the ids of the upload on its lines, photos and bytes in its metrics", async () => {
    stack.logs.clear();
    const started = await upload(smallPng);
    await processKeys(started.key);
    const ids = { eventId: EVENT_ID, photoId: started.photoId };
    const lines = stack.logs.lines();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "INFO", message: "upload initiated", service: "initiate-upload", function_name: "initiate-upload", uploadedBy: ATTENDEE, ...ids }),
    );
    const processed = lines.find((line) => line.message === "upload processed" && line.photoId === started.photoId);
    expect(processed).toMatchObject({ service: "process-upload", outcome: "accepted", sizeBytes: smallPng.length, key: started.key, ...ids });
    expect(processed?.function_request_id).toEqual(expect.any(String));
    expect(stack.logs.metrics()).toContainEqual(
      expect.objectContaining({
        PhotosAccepted: 1,
        UploadBytes: smallPng.length,
        service: "process-upload",
        _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: LOCAL_METRICS_NAMESPACE })] }),
      }),
    );
  });

  test("the original stays private and carries only the ids in its metadata", async () => {
    const started = await upload(smallPng);
    await processKeys(started.key);
    const head = await stack.clients.s3.send(new HeadObjectCommand({ Bucket: stack.emulators.bucket, Key: started.key }));
    expect(head.Metadata).toEqual({ "photo-id": started.photoId, "event-id": EVENT_ID });
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
    expect(params.has("x-amz-meta-uploaded-by")).toBe(false);
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
    const started = await upload(CAMERA_IMAGES["image/jpeg"], { contentType: "image/jpeg", title, description });
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

  test("a duplicate notification, also delivered concurrently, makes one photo and one set of variants", async () => {
    const started = await upload(smallPng);
    await Promise.all([processKeys(started.key, started.key), processKeys(started.key)]);
    await processKeys(started.key);
    const photos = (await stack.scanItems()).filter((item) => item.sk === `PHOTO#${started.photoId}`);
    expect(photos).toHaveLength(1);
    expect(await keysOf(started.photoId)).toHaveLength(3);
    expect((await getPhoto(started.photoId)).body.status).toBe("ready");
  });

  test("a processor crash between the variants and the record is retried to completion", async () => {
    const started = await upload(smallPng);
    const crashing = processorDeps({
      createPhoto: async () => {
        throw new Error("crashed before recording the photo");
      },
    });
    await expect(processUpload(crashing, started.key)).rejects.toThrow("crashed before recording the photo");
    expect(await keysOf(started.photoId)).toHaveLength(3);
    expect((await getPhoto(started.photoId)).body.status).toBe("pending");

    await processKeys(started.key);
    expect((await getPhoto(started.photoId, OTHER_ATTENDEE)).body.status).toBe("ready");
    expect(await keysOf(started.photoId)).toHaveLength(3);
  });

  test("pending and rejected uploads are visible to their uploader only", async () => {
    const started = await upload(smallPng);
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
    const started = await upload(smallPng);
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
    await overwrite(started, notAnImage(smallPng.length));
    // Delivered twice, concurrently too: the withdrawal is idempotent.
    await Promise.all([processKeys(started.key), processKeys(started.key)]);

    expect(await keysOf(started.photoId)).toEqual([]);
    const listed = (await listPhotos({ limit: "100" })).body.photos.map((photo: { id: string }) => photo.id);
    expect(listed).not.toContain(started.photoId);
    expect((await getPhoto(started.photoId)).body).toMatchObject({ id: started.photoId, status: "rejected", url: null, rejection: { code: "overwritten" } });
    expect((await getPhoto(started.photoId, OTHER_ATTENDEE)).status).toBe(404);
    expect(stack.logs.lines()).toContainEqual(expect.objectContaining({ message: "upload processed", outcome: "rejected", code: "overwritten", key: started.key }));
  });

  test("a valid image of the same length is withdrawn too: photo keys are immutable", async () => {
    const started = await acceptedUpload();
    // Another colour that compresses to the same length: the presigned URL only accepts that length.
    let other = smallPng;
    for (let blue = 0; blue < 256 && (other.length !== smallPng.length || other.equals(smallPng)); blue += 1) {
      other = await makeImage("image/png", { colour: { r: 200, g: 40, b: blue } });
    }
    expect({ length: other.length, same: other.equals(smallPng) }).toEqual({ length: smallPng.length, same: false });
    await overwrite(started, other);
    await processKeys(started.key);
    expect(await keysOf(started.photoId)).toEqual([]);
    expect((await getPhoto(started.photoId)).body.status).toBe("rejected");
  });
});

describe("rejections mark the intent with a code and a message, and leave no object or variant behind", () => {
  test("a truncated JPEG is corrupt_image", async () => {
    await expectRejected(await upload(truncated(CAMERA_IMAGES["image/jpeg"], 5000), { contentType: "image/jpeg" }), "corrupt_image", /could not be decoded/);
  });

  test("a PNG whose header claims 20000x20000 is too_many_pixels", async () => {
    await expectRejected(await upload(await pngClaiming(20000, 20000)), "too_many_pixels", /20000 x 20000 pixels \(400 megapixels\), more than the limit of 100 megapixels/);
  });

  test("bytes that are no image are type_mismatch", async () => {
    await expectRejected(await upload(notAnImage(64)), "type_mismatch", /not a JPEG, PNG or WebP image/);
  });

  test("bytes of another accepted type are type_mismatch", async () => {
    await expectRejected(await upload(CAMERA_IMAGES["image/jpeg"], { contentType: "image/png" }), "type_mismatch", /announced as a PNG image but it is a JPEG image/);
  });

  test("a size other than the declared one is size_mismatch", async () => {
    const started = await upload(smallPng, { declaredLength: smallPng.length + 1 });
    await expectRejected(started, "size_mismatch", /has \d+ bytes but the upload announced/);
  });

  test("an object with no intent", async () => {
    const key = `uploads/${EVENT_ID}/01ARZ3NDEKTSV4RRFFQ69G5FAV.png`;
    await stack.putObject(key, smallPng, "image/png");
    await processKeys(key);
    expect(await stack.listObjectKeys()).not.toContain(key);
    expect((await stack.scanItems()).filter((item) => String(item.sk).endsWith("01ARZ3NDEKTSV4RRFFQ69G5FAV"))).toEqual([]);
  });

  test("keys with spaces, '+' and Unicode outside the scheme, URL-encoded as S3 sends them", async () => {
    const keys = ["uploads/my event/holiday photo.png", "uploads/été 東京/😀+1.jpg", "uploads/x/a%20b.webp"];
    for (const key of keys) await stack.putObject(key, smallPng, "image/png");
    await processKeys(...keys);
    const remaining = await stack.listObjectKeys();
    for (const key of keys) expect(remaining).not.toContain(key);
  });
});

describe("a concurrent DELETE (it marks the intent deleted, then removes the photo item, the original and the variants)", () => {
  test("that came first: the processor rejects nothing and removes the original", async () => {
    const started = await upload(smallPng);
    await markDeleted(started.photoId);
    await processKeys(started.key);
    expect(await keysOf(started.photoId)).toEqual([]);
    const items = (await stack.scanItems()).filter((item) => String(item.sk).endsWith(started.photoId));
    expect(items).toEqual([expect.objectContaining({ sk: `UPLOAD#${started.photoId}`, status: "deleted" })]);
    expect((await getPhoto(started.photoId)).status).toBe(404);
  });

  test("that came while the photo was being recorded: the processor removes the photo item, the variants and the original", async () => {
    const started = await upload(smallPng);
    const real = new DynamoPhotoStore(stack.clients.documents, stack.emulators.table);
    const racing = processorDeps({
      createPhoto: async (photo) => {
        const created = await real.createPhoto(photo);
        await markDeleted(started.photoId);
        return created;
      },
    });
    expect(await processUpload(racing, started.key)).toEqual({ outcome: "removed", photoId: started.photoId, status: "deleted" });
    expect(await keysOf(started.photoId)).toEqual([]);
    expect((await stack.scanItems()).filter((item) => item.sk === `PHOTO#${started.photoId}`)).toEqual([]);
    const listed = (await listPhotos({ limit: "100" })).body.photos.map((photo: { id: string }) => photo.id);
    expect(listed).not.toContain(started.photoId);
  });
});

test("a failing record does not stop the batch; the failure is thrown once the batch is done", async () => {
  const started = await upload(smallPng);
  const event = objectCreatedEvent(stack.emulators.bucket, [{ key: started.key, size: 1 }]);
  // A key S3 could not have encoded: decoding throws, standing in for any error of one record.
  event.Records.unshift({ ...event.Records[0]!, s3: { ...event.Records[0]!.s3, object: { key: "uploads/%E0%A4%A", size: 1, eTag: "", sequencer: "" } } });
  stack.logs.clear();
  await expect(stack.invoke("process-upload", event)).rejects.toMatchObject({ name: "UploadBatchError", failedKeys: ["uploads/%E0%A4%A"] });
  expect((await getPhoto(started.photoId)).body.status).toBe("ready");
  expect(stack.logs.lines()).toContainEqual(
    expect.objectContaining({ level: "ERROR", message: "upload failed", key: "uploads/%E0%A4%A", error: expect.objectContaining({ name: "URIError", stack: expect.any(String) }) }),
  );
  // The record that succeeded is counted although the invocation failed.
  expect(stack.logs.metrics()).toContainEqual(expect.objectContaining({ PhotosAccepted: 1, UploadBytes: smallPng.length }));
});

test("a batch of 25 records: every one is processed", async () => {
  const types = Array.from({ length: 25 }, (_, index) => ACCEPTED_CONTENT_TYPES[index % ACCEPTED_CONTENT_TYPES.length] ?? "image/png");
  const started = await Promise.all(
    types.map((contentType, index) =>
      index % 5 === 4
        ? upload(notAnImage(40), { contentType, title: `bad ${index}` })
        : upload(CAMERA_IMAGES[contentType], { contentType, title: `photo ${index}` }),
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
