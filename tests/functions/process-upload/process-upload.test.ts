/** The processor's handling of an object overwritten after acceptance, against in-memory fakes. */
import { processUpload, type ProcessUploadDeps } from "../../../functions/process-upload/process-upload";
import type { Photo, UploadIntent } from "../../../functions/shared/photo-store";
import type { ObjectStart } from "../../../functions/shared/uploaded-objects";
import { notAnImage, TINY_IMAGES } from "../../helpers/images";

const PHOTO_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
const KEY = `uploads/gala/${PHOTO_ID}.png`;
const PNG_BYTES = TINY_IMAGES["image/png"];
const INTENT: UploadIntent = {
  eventId: "gala",
  photoId: PHOTO_ID,
  objectKey: KEY,
  title: "t",
  description: "",
  contentType: "image/png",
  contentLength: PNG_BYTES.length,
  uploadedBy: "sub",
  status: "pending",
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAtEpoch: 2_000_000_000,
};

/** One upload's intent, photo and object, with every write recorded in order. */
function fakeUpload() {
  const state: { intent: UploadIntent; photo: Photo | undefined; object: ObjectStart | undefined } = {
    intent: INTENT,
    photo: undefined,
    object: undefined,
  };
  const writes: string[] = [];
  const failNext = new Set<string>();
  const write = (name: string) => {
    if (failNext.delete(name)) throw new Error(`${name} failed`);
    writes.push(name);
  };
  const deps: ProcessUploadDeps = {
    store: {
      getUpload: async () => ({ intent: state.intent, photo: state.photo }),
      createPhoto: async (photo) => {
        write("createPhoto");
        if (state.photo) return false;
        state.photo = photo;
        return true;
      },
      rejectIntent: async (_eventId, _photoId, reason) => {
        write("rejectIntent");
        if (state.intent.status === "pending") state.intent = { ...state.intent, status: "rejected", rejectionReason: reason };
      },
      deletePhoto: async (_eventId, _photoId, etag) => {
        write("deletePhoto");
        if (state.photo?.etag === etag) state.photo = undefined;
      },
    },
    objects: {
      readStart: async (_key, length) => state.object && { ...state.object, firstBytes: state.object.firstBytes.subarray(0, length) },
      delete: async () => {
        write("deleteObject");
        state.object = undefined;
      },
    },
    photosBaseUrl: "https://photos.example",
    now: () => new Date("2026-01-01T00:01:00.000Z"),
  };
  const put = (bytes: Buffer, etag: string) => {
    state.object = { contentType: "image/png", totalBytes: bytes.length, firstBytes: bytes, etag };
  };
  return { state, writes, failNext, deps, put };
}

test("an accepted photo records the object's ETag; the same ETag again is a duplicate with no write", async () => {
  const upload = fakeUpload();
  upload.put(PNG_BYTES, '"first"');
  expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "accepted", photoId: PHOTO_ID });
  expect(upload.state.photo?.etag).toBe('"first"');
  expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "duplicate", photoId: PHOTO_ID });
  expect(upload.writes).toEqual(["createPhoto"]);
});

test("an overwrite rejects the intent, then removes the photo, then the object", async () => {
  const upload = fakeUpload();
  upload.put(PNG_BYTES, '"first"');
  await processUpload(upload.deps, KEY);
  upload.put(notAnImage(PNG_BYTES.length), '"second"');

  expect(await processUpload(upload.deps, KEY)).toEqual({ outcome: "rejected", reason: "overwritten" });
  expect(upload.writes).toEqual(["createPhoto", "rejectIntent", "deletePhoto", "deleteObject"]);
  expect(upload.state).toEqual({ intent: { ...INTENT, status: "rejected", rejectionReason: "overwritten" }, photo: undefined, object: undefined });
});

test.each(["deletePhoto", "deleteObject"])("a retry after %s failed finishes the withdrawal", async (failing) => {
  const upload = fakeUpload();
  upload.put(PNG_BYTES, '"first"');
  await processUpload(upload.deps, KEY);
  // Another valid image of the same length: still unchecked bytes under an immutable key.
  upload.put(Buffer.from(PNG_BYTES), '"second"');
  upload.failNext.add(failing);

  await expect(processUpload(upload.deps, KEY)).rejects.toThrow(`${failing} failed`);
  await processUpload(upload.deps, KEY);
  expect(upload.state.photo).toBeUndefined();
  expect(upload.state.object).toBeUndefined();
  expect(upload.state.intent).toMatchObject({ status: "rejected", rejectionReason: "overwritten" });
});
