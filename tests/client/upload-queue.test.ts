import { ClientError } from "../../client/errors";
import { createUploadQueue, failureState, reduceUploads, startable, type UploadItem } from "../../client/upload-queue";
import type { UploadedPhoto } from "../../client/upload-photo";

const photo = (id: string, status: "ready" | "rejected" = "ready", rejection?: { code: string; message: string }) =>
  ({ id, status, ...(rejection && { rejection }) }) as unknown as UploadedPhoto;
const apiError = (status: number, message: string) =>
  new ClientError("api", `initiate upload answered ${status} (x: ${message})`, { status, code: "x", body: { error: { code: "x", message } } });

function drafts(count: number): readonly UploadItem<string>[] {
  return reduceUploads<string>([], { type: "add", items: Array.from({ length: count }, (_, index) => ({ id: `f${index}`, file: `file-${index}`, title: `Photo ${index}` })) });
}

describe("reduceUploads", () => {
  test("added files are drafts whose title and description can be edited until they are submitted", () => {
    let items = drafts(2);
    expect(items.map((item) => item.state.phase)).toEqual(["draft", "draft"]);
    items = reduceUploads(items, { type: "edit", id: "f0", title: "Harbour", description: "At dusk" });
    expect(items[0]).toMatchObject({ title: "Harbour", description: "At dusk" });
    items = reduceUploads(items, { type: "submit" });
    expect(items.map((item) => item.state.phase)).toEqual(["queued", "queued"]);
    expect(reduceUploads(items, { type: "edit", id: "f0", title: "Changed" })[0]?.title).toBe("Harbour");
  });

  test("an upload goes from queued to uploading with progress, processing, then ready or rejected with the server's message", () => {
    let items = reduceUploads(drafts(2), { type: "submit" });
    items = reduceUploads(items, { type: "start", id: "f0" });
    items = reduceUploads(items, { type: "progress", id: "f0", sentBytes: 50, totalBytes: 200 });
    expect(items[0]?.state).toEqual({ phase: "uploading", sentBytes: 50, totalBytes: 200 });
    items = reduceUploads(items, { type: "uploaded", id: "f0", photoId: "p0" });
    expect(items[0]).toMatchObject({ photoId: "p0", state: { phase: "processing" } });
    items = reduceUploads(items, { type: "settled", id: "f0", photo: photo("p0") });
    expect(items[0]?.state).toEqual({ phase: "ready", photo: photo("p0") });
    items = reduceUploads(items, { type: "settled", id: "f1", photo: photo("p1", "rejected", { code: "corrupt_image", message: "The file is not a readable image." }) });
    expect(items[1]?.state).toEqual({ phase: "rejected", message: "The file is not a readable image." });
  });

  test("progress of an upload that is not sending is ignored", () => {
    const items = reduceUploads(drafts(1), { type: "progress", id: "f0", sentBytes: 1, totalBytes: 2 });
    expect(items[0]?.state).toEqual({ phase: "draft" });
  });

  test("a retry of a failed upload queues it again, or only waits again once its bytes are stored", () => {
    let items = reduceUploads(reduceUploads(drafts(2), { type: "submit" }), { type: "failed", id: "f0", error: new Error("offline") });
    items = reduceUploads(items, { type: "uploaded", id: "f1", photoId: "p1" });
    items = reduceUploads(items, { type: "failed", id: "f1", error: new ClientError("timeout", "still pending") });
    expect(items.map((item) => item.state.phase)).toEqual(["failed", "failed"]);
    items = reduceUploads(reduceUploads(items, { type: "retry", id: "f0" }), { type: "retry", id: "f1" });
    expect(items.map((item) => item.state.phase)).toEqual(["queued", "processing"]);
  });

  test("rejected and ready uploads are not retried; only finished or unsent ones can be removed", () => {
    let items = reduceUploads(reduceUploads(drafts(3), { type: "submit" }), { type: "failed", id: "f0", error: apiError(415, "not accepted") });
    items = reduceUploads(items, { type: "start", id: "f1" });
    expect(reduceUploads(items, { type: "retry", id: "f0" })[0]?.state.phase).toBe("rejected");
    items = reduceUploads(reduceUploads(items, { type: "remove", id: "f0" }), { type: "remove", id: "f1" });
    expect(items.map((item) => item.id)).toEqual(["f1", "f2"]);
  });
});

describe("startable", () => {
  test("starts queued uploads oldest first, never more than the concurrency in flight until their verdict", () => {
    let items = reduceUploads(drafts(5), { type: "submit" });
    expect(startable(items, 3)).toEqual(["f0", "f1", "f2"]);
    items = reduceUploads(reduceUploads(items, { type: "start", id: "f0" }), { type: "start", id: "f1" });
    expect(startable(items, 3)).toEqual(["f2"]);
    // Waiting for a verdict keeps the slot; the verdict frees it.
    items = reduceUploads(items, { type: "uploaded", id: "f0", photoId: "p0" });
    expect(startable(items, 3)).toEqual(["f2"]);
    items = reduceUploads(items, { type: "settled", id: "f0", photo: photo("p0") });
    expect(startable(items, 3)).toEqual(["f2", "f3"]);
    expect(startable(items, 1)).toEqual([]);
  });
});

describe("failureState", () => {
  test("API refusals that a retry cannot change are rejections with the server's message, as is", () => {
    for (const status of [403, 404, 413, 415, 429]) {
      expect(failureState(apiError(status, "The server's words."))).toEqual({ phase: "rejected", message: "The server's words." });
    }
  });

  test("a bad title, an expired session, a server error, storage and the network can be retried", () => {
    for (const status of [400, 401, 500, 503]) expect(failureState(apiError(status, "Try again.")).phase).toBe("failed");
    expect(failureState(new ClientError("upload", "storage answered 403"))).toEqual({ phase: "failed", message: "storage answered 403" });
    expect(failureState(new TypeError("Failed to fetch"))).toEqual({ phase: "failed", message: "Failed to fetch" });
  });
});

describe("createUploadQueue", () => {
  function deferred<T>() {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
    return { promise, resolve, reject };
  }
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  test("keeps `concurrency` uploads in flight, starts the next as one finishes, and reports every change", async () => {
    const sends = new Map<string, ReturnType<typeof deferred<UploadedPhoto>>>();
    const changes: string[][] = [];
    const queue = createUploadQueue<string>({
      concurrency: 2,
      send: (item) => {
        const pending = deferred<UploadedPhoto>();
        sends.set(item.id, pending);
        return pending.promise;
      },
      resume: () => Promise.reject(new Error("not used")),
      onChange: (items) => changes.push(items.map((item) => item.state.phase)),
    });
    queue.dispatch({ type: "add", items: ["a", "b", "c"].map((id) => ({ id, file: id, title: id })) });
    queue.dispatch({ type: "submit" });
    await flush();
    expect([...sends.keys()]).toEqual(["a", "b"]);
    sends.get("a")?.resolve(photo("pa"));
    await flush();
    expect([...sends.keys()]).toEqual(["a", "b", "c"]);
    sends.get("b")?.reject(new Error("offline"));
    sends.get("c")?.resolve(photo("pc", "rejected", { code: "type_mismatch", message: "Not a PNG." }));
    await flush();
    expect(queue.items().map((item) => item.state)).toEqual([
      { phase: "ready", photo: photo("pa") },
      { phase: "failed", message: "offline" },
      { phase: "rejected", message: "Not a PNG." },
    ]);
    expect(changes.at(-1)).toEqual(["ready", "failed", "rejected"]);
  });

  test("a retry after the bytes were stored waits for that photo's verdict instead of uploading again", async () => {
    const send = jest.fn(async (_item: UploadItem<string>, events: { onUploaded(photoId: string): void }) => {
      events.onUploaded("p1");
      throw new ClientError("timeout", "photo p1 is still pending");
    });
    const resume = jest.fn(async (photoId: string) => photo(photoId));
    const queue = createUploadQueue<string>({ concurrency: 3, send, resume, onChange: () => undefined });
    queue.dispatch({ type: "add", items: [{ id: "a", file: "a", title: "a" }] });
    queue.dispatch({ type: "submit" });
    await flush();
    expect(queue.items()[0]?.state).toEqual({ phase: "failed", message: "photo p1 is still pending" });
    queue.dispatch({ type: "retry", id: "a" });
    await flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(resume).toHaveBeenCalledWith("p1");
    expect(queue.items()[0]?.state).toEqual({ phase: "ready", photo: photo("p1") });
  });

  test("a send that throws at once fails its item like a rejected one", async () => {
    const queue = createUploadQueue<string>({
      concurrency: 1,
      send: () => {
        throw new ClientError("usage", "the file changed");
      },
      resume: () => Promise.reject(new Error("not used")),
      onChange: () => undefined,
    });
    queue.dispatch({ type: "add", items: [{ id: "a", file: "a", title: "a" }] });
    queue.dispatch({ type: "submit" });
    await flush();
    expect(queue.items()[0]?.state).toEqual({ phase: "failed", message: "the file changed" });
  });
});
