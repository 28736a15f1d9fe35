/** The deletion's order and repeatability, against in-memory fakes. */
import { deletePhoto, type DeletePhotoDeps } from "../../../functions/delete-photo/delete-photo";
import type { EventRecord } from "../../../functions/shared/event-store";
import type { Photo, UploadIntent } from "../../../functions/shared/photo-store";

const PHOTO_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
const EVENT: EventRecord = { eventId: "gala", name: "Gala", startsAt: null, endsAt: null, visibility: "signed-in", organizerSub: "org", createdAt: "t", updatedAt: "t" };
const INTENT: UploadIntent = {
  eventId: "gala",
  photoId: PHOTO_ID,
  objectKey: `uploads/gala/${PHOTO_ID}.png`,
  title: "t",
  description: "",
  contentType: "image/png",
  contentLength: 10,
  uploadedBy: "ada",
  status: "pending",
  createdAt: "t",
  expiresAtEpoch: 1,
};
const PHOTO = { ...INTENT, sizeBytes: 10, etag: "e" } as unknown as Photo;

function fakes(state: { intent?: UploadIntent; photo?: Photo }, failOnce?: string) {
  const steps: string[] = [];
  let failing = failOnce;
  const step = (name: string) => {
    if (failing === name) {
      failing = undefined;
      throw new Error(`${name} failed`);
    }
    steps.push(name);
  };
  const deps: DeletePhotoDeps = {
    events: { getEvent: async () => EVENT },
    store: {
      getUpload: async () => ({ intent: state.intent, photo: state.photo }),
      markDeleted: async () => {
        step("markDeleted");
        state.intent = { ...(state.intent ?? INTENT), status: "deleted" };
      },
      removePhoto: async () => {
        step("removePhoto");
        state.photo = undefined;
      },
    },
    objects: { delete: async (key) => step(`delete ${key}`) },
    cdn: { invalidate: async (paths) => step(`invalidate ${paths.join(",")}`) },
    now: () => new Date(0),
  };
  return { deps, steps };
}

test("marks the intent deleted before removing anything, and invalidates last", async () => {
  const { deps, steps } = fakes({ intent: INTENT, photo: PHOTO });
  await deletePhoto(deps, { eventId: "gala", photoId: PHOTO_ID, callerSub: "ada" });
  expect(steps[0]).toBe("markDeleted");
  expect(steps[1]).toBe("removePhoto");
  expect(steps.slice(2, -1).sort()).toEqual([`delete photos/gala/${PHOTO_ID}/display.webp`, `delete photos/gala/${PHOTO_ID}/thumb.webp`, `delete uploads/gala/${PHOTO_ID}.png`]);
  expect(steps.at(-1)).toBe(`invalidate /photos/gala/${PHOTO_ID}/*`);
});

test("a retry after a failure part-way finishes the deletion", async () => {
  const state = { intent: INTENT, photo: PHOTO };
  const { deps, steps } = fakes(state, "removePhoto");
  await expect(deletePhoto(deps, { eventId: "gala", photoId: PHOTO_ID, callerSub: "ada" })).rejects.toThrow("removePhoto failed");
  // The intent already says deleted, but the photo item is still there: the retry removes it.
  await deletePhoto(deps, { eventId: "gala", photoId: PHOTO_ID, callerSub: "ada" });
  expect(state.photo).toBeUndefined();
  expect(steps.filter((name) => name.startsWith("invalidate"))).toHaveLength(1);
});

test("a photo whose intent has expired is still deleted, by its record's keys", async () => {
  const { deps, steps } = fakes({ photo: PHOTO });
  await deletePhoto(deps, { eventId: "gala", photoId: PHOTO_ID, callerSub: "org" });
  expect(steps).toContain(`delete uploads/gala/${PHOTO_ID}.png`);
});
