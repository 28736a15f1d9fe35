/**
 * The processor's core against in-memory fakes of the store and the bucket, every write recorded in
 * order: acceptance, duplicates, overwrites, crashes between steps, and a concurrent DELETE in both
 * orders (the deleter marks the intent `deleted` first, then removes the photo item, the original
 * and the variants).
 */
import { processUpload, type ProcessUploadDeps } from "../../../functions/process-upload/process-upload";
import { renderVariants } from "../../../functions/process-upload/render-variants";
import { LIMITS } from "../../../functions/shared/contract";
import type { Photo, UploadIntent } from "../../../functions/shared/photo-store";
import { makeImage, notAnImage, truncated } from "../../helpers/images";

const PHOTO_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
const KEY = `uploads/gala/${PHOTO_ID}.jpg`;
const DISPLAY = `photos/gala/${PHOTO_ID}/display.webp`;
const THUMB = `photos/gala/${PHOTO_ID}/thumb.webp`;
let jpeg: Buffer;
let intent: UploadIntent;

beforeAll(async () => {
  jpeg = await makeImage("image/jpeg", { width: 300, height: 200, cameraMetadata: true, orientation: 6 });
  intent = {
    eventId: "gala",
    photoId: PHOTO_ID,
    objectKey: KEY,
    title: "t",
    description: "",
    contentType: "image/jpeg",
    contentLength: jpeg.length,
    uploadedBy: "sub",
    status: "pending",
    createdAt: "2026-01-01T00:00:00.000Z",
    expiresAtEpoch: 2_000_000_000,
  };
});

/** One upload's intent, photo and objects, with every write recorded in order and hooks between steps. */
function fakeUpload() {
  const state: { intent: UploadIntent | undefined; photo: Photo | undefined; objects: Map<string, { bytes: Buffer; etag: string }> } = {
    intent,
    photo: undefined,
    objects: new Map(),
  };
  const writes: string[] = [];
  const failNext = new Set<string>();
  /** Runs once, right after the named write. */
  const after = new Map<string, () => void>();
  const write = (name: string) => {
    if (failNext.delete(name)) throw new Error(`${name} failed`);
    writes.push(name);
  };
  const done = (name: string) => {
    after.get(name)?.();
    after.delete(name);
  };
  const deps: ProcessUploadDeps = {
    store: {
      getUpload: async () => ({ intent: state.intent, photo: state.photo }),
      createPhoto: async (photo) => {
        write("createPhoto");
        const created = !state.photo;
        if (created) state.photo = photo;
        done("createPhoto");
        return created;
      },
      rejectIntent: async (_eventId, _photoId, rejection) => {
        write(`rejectIntent ${rejection.code}`);
        if (state.intent?.status === "pending") state.intent = { ...state.intent, status: "rejected", rejection };
      },
      deletePhoto: async (_eventId, _photoId, etag) => {
        write("deletePhoto");
        if (state.photo?.etag === etag) state.photo = undefined;
      },
    },
    objects: {
      read: async (key) => {
        const object = state.objects.get(key);
        return object && { contentType: "image/jpeg", bytes: object.bytes, etag: object.etag };
      },
      delete: async (key) => {
        write(`delete ${key}`);
        state.objects.delete(key);
      },
    },
    variants: {
      put: async (key, webp) => {
        write(`put ${key}`);
        state.objects.set(key, { bytes: Buffer.from(webp), etag: "variant" });
        done(`put ${key}`);
      },
    },
    render: renderVariants,
    pixelLimit: LIMITS.defaultPixelLimit,
    now: () => new Date("2026-01-01T00:01:00.000Z"),
  };
  const put = (bytes: Buffer, etag: string) => state.objects.set(KEY, { bytes, etag });
  /** What the DELETE of issue 11 does, step by step. */
  const deleter = {
    markDeleted: () => {
      if (state.intent) state.intent = { ...state.intent, status: "deleted" };
    },
    removeAll: () => {
      state.photo = undefined;
      for (const key of [KEY, DISPLAY, THUMB]) state.objects.delete(key);
    },
  };
  const keys = () => [...state.objects.keys()].sort();
  return { state, writes, failNext, after, deps, put, deleter, keys };
}

test("an accepted image: both variants, then one photo item with keys, upright size and capture time, then the intent read again", async () => {
  const upload = fakeUpload();
  upload.put(jpeg, '"first"');
  expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "accepted", photoId: PHOTO_ID, sizeBytes: jpeg.length });
  expect(upload.writes).toEqual([`put ${DISPLAY}`, `put ${THUMB}`, "createPhoto"]);
  expect(upload.state.photo).toEqual({
    eventId: "gala",
    photoId: PHOTO_ID,
    objectKey: KEY,
    title: "t",
    description: "",
    contentType: "image/jpeg",
    sizeBytes: jpeg.length,
    variantKeys: { display: DISPLAY, thumb: THUMB },
    width: 200,
    height: 300,
    takenAt: "2024-06-01T14:30:00+02:00",
    uploadedBy: "sub",
    createdAt: "2026-01-01T00:00:00.000Z",
    etag: '"first"',
  });
  expect(upload.state.photo).not.toHaveProperty("url");

  expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "duplicate", photoId: PHOTO_ID });
  expect(upload.writes).toHaveLength(3);
});

test("a crash between the variants and the record is retried to completion, with one set of variants", async () => {
  const upload = fakeUpload();
  upload.put(jpeg, '"first"');
  upload.failNext.add("createPhoto");
  await expect(processUpload(upload.deps, KEY)).rejects.toThrow("createPhoto failed");
  expect(upload.state.photo).toBeUndefined();

  expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "accepted", photoId: PHOTO_ID, sizeBytes: jpeg.length });
  expect(upload.keys()).toEqual([DISPLAY, THUMB, KEY].sort());
  expect(upload.state.photo?.etag).toBe('"first"');
});

describe("rejections mark the intent first, then delete the object", () => {
  test.each([
    ["a truncated JPEG", () => truncated(jpeg, jpeg.length - 200), "corrupt_image"],
    ["text of the declared length", () => notAnImage(jpeg.length), "type_mismatch"],
  ] as const)("%s", async (_name, bytes, code) => {
    const upload = fakeUpload();
    const body = bytes();
    upload.state.intent = { ...intent, contentLength: body.length };
    upload.put(body, '"bad"');
    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "rejected", code });
    expect(upload.writes).toEqual([`rejectIntent ${code}`, `delete ${KEY}`]);
    expect(upload.state.intent).toMatchObject({ status: "rejected", rejection: { code, message: expect.any(String) } });
    expect(upload.keys()).toEqual([]);
  });

  test("a retry after the delete failed removes the object and keeps the first reason", async () => {
    const upload = fakeUpload();
    upload.state.intent = { ...intent, contentLength: 64 };
    upload.put(notAnImage(64), '"bad"');
    upload.failNext.add(`delete ${KEY}`);
    await expect(processUpload(upload.deps, KEY)).rejects.toThrow("failed");
    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "removed", photoId: PHOTO_ID, status: "rejected" });
    expect(upload.keys()).toEqual([]);
    expect(upload.state.intent?.rejection?.code).toBe("type_mismatch");
  });

  test("an object without an intent is deleted and nothing is recorded", async () => {
    const upload = fakeUpload();
    upload.state.intent = undefined;
    upload.put(jpeg, '"x"');
    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "rejected", code: "no_intent" });
    expect(upload.writes).toEqual([`delete ${KEY}`]);
  });
});

describe("an object overwritten after acceptance", () => {
  test("rejects the intent, then removes the photo item, the variants and the object", async () => {
    const upload = fakeUpload();
    upload.put(jpeg, '"first"');
    await processUpload(upload.deps, KEY);
    upload.put(notAnImage(jpeg.length), '"second"');
    upload.writes.length = 0;

    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "rejected", code: "overwritten" });
    expect(upload.writes).toEqual(["rejectIntent overwritten", "deletePhoto", `delete ${DISPLAY}`, `delete ${THUMB}`, `delete ${KEY}`]);
    expect(upload.state.photo).toBeUndefined();
    expect(upload.keys()).toEqual([]);
    expect(upload.state.intent).toMatchObject({ status: "rejected", rejection: { code: "overwritten" } });
  });

  test.each(["deletePhoto", `delete ${DISPLAY}`, `delete ${KEY}`])("a retry after %s failed finishes the withdrawal", async (failing) => {
    const upload = fakeUpload();
    upload.put(jpeg, '"first"');
    await processUpload(upload.deps, KEY);
    // Another valid image of the same length: still unchecked bytes under an immutable key.
    upload.put(Buffer.from(jpeg), '"second"');
    upload.failNext.add(failing);

    await expect(processUpload(upload.deps, KEY)).rejects.toThrow(`${failing} failed`);
    await processUpload(upload.deps, KEY);
    expect(upload.state.photo).toBeUndefined();
    expect(upload.keys()).toEqual([]);
    expect(upload.state.intent).toMatchObject({ status: "rejected", rejection: { code: "overwritten" } });
  });
});

describe("a concurrent DELETE", () => {
  test("that marked the intent before the processor read it: nothing is rejected or published, the original is removed", async () => {
    const upload = fakeUpload();
    upload.put(jpeg, '"first"');
    upload.deleter.markDeleted();
    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "removed", photoId: PHOTO_ID, status: "deleted" });
    expect(upload.writes.filter((write) => !write.startsWith("delete "))).toEqual([]);
    expect(upload.keys()).toEqual([]);
    expect(upload.state.intent?.status).toBe("deleted");
  });

  test("that ran to its end while the processor rendered: the processor removes the photo item and the variants it wrote", async () => {
    const upload = fakeUpload();
    upload.put(jpeg, '"first"');
    // The deleter found no photo item yet and removed what existed then: the original and one variant.
    upload.after.set(`put ${DISPLAY}`, () => {
      upload.deleter.markDeleted();
      upload.deleter.removeAll();
    });
    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "removed", photoId: PHOTO_ID, status: "deleted" });
    expect(upload.state.photo).toBeUndefined();
    expect(upload.keys()).toEqual([]);
  });

  test("that marked the intent right after the photo item was created: the processor removes everything", async () => {
    const upload = fakeUpload();
    upload.put(jpeg, '"first"');
    upload.after.set("createPhoto", upload.deleter.markDeleted);
    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "removed", photoId: PHOTO_ID, status: "deleted" });
    expect(upload.writes.slice(-4)).toEqual(["deletePhoto", `delete ${DISPLAY}`, `delete ${THUMB}`, `delete ${KEY}`]);
    expect(upload.state.photo).toBeUndefined();
    expect(upload.keys()).toEqual([]);
  });

  test("after a crash between the variants and the record, the retry removes the variants too", async () => {
    const upload = fakeUpload();
    upload.put(jpeg, '"first"');
    upload.failNext.add("createPhoto");
    await expect(processUpload(upload.deps, KEY)).rejects.toThrow("createPhoto failed");
    // The deleter ran in between: it marked the intent and removed the original, but its delete of
    // the variants came before the retry, or was never needed.
    upload.deleter.markDeleted();
    upload.state.objects.delete(KEY);
    expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "removed", photoId: PHOTO_ID, status: "deleted" });
    expect(upload.keys()).toEqual([]);
  });
});
