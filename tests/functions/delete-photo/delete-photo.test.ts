/** Deleting photos through the real handler against the emulators: who may, what goes, what is invalidated. */
import { apiEvent, parseResponse } from "../../helpers/api-events";
import { startFunctionStack, type FunctionStack } from "../../helpers/function-stack";
import { makeImage } from "../../helpers/images";
import { objectCreatedEvent } from "../../helpers/s3-events";

const EVENT_ID = "deletions";
const ORGANIZER = "organizer-sub";
const UPLOADER = "uploader-sub";
const OTHER = "other-attendee-sub";

let stack: FunctionStack;

beforeAll(async () => {
  stack = await startFunctionStack();
  await stack.seedEvent(EVENT_ID, ORGANIZER);
  await stack.seedAttendee(EVENT_ID, UPLOADER);
  await stack.seedAttendee(EVENT_ID, OTHER);
});

afterAll(async () => {
  await stack?.stop();
});

/** An upload by UPLOADER, PUT through its presigned URL; processed unless `pending`. */
async function upload(options: { pending?: boolean } = {}): Promise<{ photoId: string; key: string }> {
  const bytes = await makeImage("image/png");
  const { body } = parseResponse(
    await stack.callRoute(
      "initiateUpload",
      apiEvent({ route: "initiateUpload", pathParameters: { eventId: EVENT_ID }, sub: UPLOADER, body: { title: "t", contentType: "image/png", contentLength: bytes.length } }),
    ),
  );
  expect((await fetch(body.s3PutObjectUrl, { method: "PUT", headers: body.headers, body: bytes })).status).toBe(200);
  const key = new URL(body.s3PutObjectUrl).pathname.split("/").slice(2).map(decodeURIComponent).join("/");
  if (!options.pending) await stack.invoke("process-upload", objectCreatedEvent(stack.emulators.bucket, [{ key, size: bytes.length }]));
  return { photoId: body.photoId, key };
}

async function deletePhoto(photoId: string, caller: string) {
  return parseResponse(await stack.callRoute("deletePhoto", apiEvent({ route: "deletePhoto", pathParameters: { eventId: EVENT_ID, photoId }, sub: caller })));
}

async function itemsOf(photoId: string) {
  return (await stack.scanItems()).filter((item) => String(item.sk).endsWith(photoId));
}

test("the uploader deletes a ready photo: the record, the original and the variants go, the CDN paths are invalidated", async () => {
  const { photoId, key } = await upload();
  expect(await stack.listObjectKeys()).toContain(key);
  expect(await deletePhoto(photoId, UPLOADER)).toEqual({ status: 204, body: null });

  expect((await stack.listObjectKeys()).filter((object) => object.includes(photoId))).toEqual([]);
  expect(await itemsOf(photoId)).toEqual([expect.objectContaining({ sk: `UPLOAD#${photoId}`, status: "deleted", expiresAtEpoch: expect.any(Number) })]);
  expect(stack.invalidations()).toContainEqual({ distributionId: expect.any(String), callerReference: `delete-${EVENT_ID}-${photoId}`, paths: [`/photos/${EVENT_ID}/${photoId}/*`] });
  const gone = parseResponse(await stack.callRoute("getPhoto", apiEvent({ route: "getPhoto", pathParameters: { eventId: EVENT_ID, photoId }, sub: UPLOADER })));
  expect(gone.body.error.code).toBe("not_found");
});

test("deleting again succeeds and changes nothing", async () => {
  const { photoId } = await upload();
  await deletePhoto(photoId, UPLOADER);
  const before = await stack.scanItems();
  expect((await deletePhoto(photoId, UPLOADER)).status).toBe(204);
  expect(await stack.scanItems()).toEqual(before);
});

test("the event's organizer moderates any photo; another attendee may not, and nothing is removed", async () => {
  const { photoId, key } = await upload();
  const before = await stack.scanItems();
  expect(await deletePhoto(photoId, OTHER)).toEqual({ status: 403, body: { error: { code: "not_allowed", message: expect.stringContaining(photoId) } } });
  expect(await stack.scanItems()).toEqual(before);
  expect(await stack.listObjectKeys()).toContain(key);
  expect((await deletePhoto(photoId, ORGANIZER)).status).toBe(204);
  expect(await stack.listObjectKeys()).not.toContain(key);
});

test("a pending upload is deleted by its uploader, unknown to everyone else, and a late notification never publishes it", async () => {
  const { photoId, key } = await upload({ pending: true });
  expect((await deletePhoto(photoId, OTHER)).body.error.code).toBe("not_found");
  expect((await deletePhoto(photoId, UPLOADER)).status).toBe(204);
  expect(await stack.listObjectKeys()).not.toContain(key);
  // S3's notification of the PUT arrives after the deletion: nothing is published.
  await stack.invoke("process-upload", objectCreatedEvent(stack.emulators.bucket, [{ key, size: 1 }]));
  expect((await itemsOf(photoId)).map((item) => item.sk)).toEqual([`UPLOAD#${photoId}`]);
});
