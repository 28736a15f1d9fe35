/**
 * Many uploads at once, as a per-file state machine (draft, queued, uploading with progress,
 * processing, ready, rejected, failed with retry) and a runner that keeps a bounded number of
 * uploads in flight (sending bytes or waiting for their verdict). The transitions are pure (`reduceUploads`), so they are tested without a
 * browser; the runner only applies them and starts what `startable` names. Any client can drive
 * it: the web app passes a browser PUT, a CLI would pass a file stream.
 */
import { ClientError } from "./errors";
import type { UploadedPhoto } from "./upload-photo";

export type UploadState =
  /** Chosen; title and description still editable; not sent. */
  | { readonly phase: "draft" }
  /** Waiting for a free slot. */
  | { readonly phase: "queued" }
  | { readonly phase: "uploading"; readonly sentBytes: number; readonly totalBytes: number }
  /** The bytes are stored; waiting for the processor's verdict. */
  | { readonly phase: "processing" }
  | { readonly phase: "ready"; readonly photo: UploadedPhoto }
  /** The server refused the photo for good; `message` is its own words. */
  | { readonly phase: "rejected"; readonly message: string }
  /** It may work on a retry (network, storage, a timeout, a title to fix). */
  | { readonly phase: "failed"; readonly message: string };

export type UploadPhase = UploadState["phase"];

export interface UploadItem<F> {
  readonly id: string;
  readonly file: F;
  readonly title: string;
  readonly description: string;
  readonly state: UploadState;
  /** Set once the bytes are stored: a retry then waits for this photo's verdict again instead of uploading twice. */
  readonly photoId?: string;
}

export type UploadAction<F> =
  | { readonly type: "add"; readonly items: readonly { readonly id: string; readonly file: F; readonly title: string }[] }
  | { readonly type: "edit"; readonly id: string; readonly title?: string; readonly description?: string }
  | { readonly type: "remove"; readonly id: string }
  /** Every draft joins the queue (the "Upload" button). */
  | { readonly type: "submit" }
  | { readonly type: "start"; readonly id: string }
  | { readonly type: "progress"; readonly id: string; readonly sentBytes: number; readonly totalBytes: number }
  | { readonly type: "uploaded"; readonly id: string; readonly photoId: string }
  | { readonly type: "settled"; readonly id: string; readonly photo: UploadedPhoto }
  | { readonly type: "failed"; readonly id: string; readonly error: unknown }
  | { readonly type: "retry"; readonly id: string };

/** Phases in which the user may still change the title and description. */
const EDITABLE: readonly UploadPhase[] = ["draft", "failed"];

export function reduceUploads<F>(items: readonly UploadItem<F>[], action: UploadAction<F>): readonly UploadItem<F>[] {
  const update = (id: string, change: (item: UploadItem<F>) => UploadItem<F>) => items.map((item) => (item.id === id ? change(item) : item));
  switch (action.type) {
    case "add":
      return [...items, ...action.items.map((added) => ({ ...added, description: "", state: { phase: "draft" } as const }))];
    case "edit":
      return update(action.id, (item) =>
        EDITABLE.includes(item.state.phase)
          ? { ...item, title: action.title ?? item.title, description: action.description ?? item.description }
          : item,
      );
    case "remove":
      return items.filter((item) => item.id !== action.id || !["draft", "ready", "rejected", "failed"].includes(item.state.phase));
    case "submit":
      return items.map((item) => (item.state.phase === "draft" ? { ...item, state: { phase: "queued" } } : item));
    case "start":
      return update(action.id, (item) => (item.state.phase === "queued" ? { ...item, state: { phase: "uploading", sentBytes: 0, totalBytes: 0 } } : item));
    case "progress":
      return update(action.id, (item) =>
        item.state.phase === "uploading" ? { ...item, state: { phase: "uploading", sentBytes: action.sentBytes, totalBytes: action.totalBytes } } : item,
      );
    case "uploaded":
      return update(action.id, (item) => ({ ...item, photoId: action.photoId, state: { phase: "processing" } }));
    case "settled":
      return update(action.id, (item) => ({
        ...item,
        state: action.photo.status === "ready" ? { phase: "ready", photo: action.photo } : { phase: "rejected", message: action.photo.rejection?.message ?? "The photo was rejected." },
      }));
    case "failed":
      return update(action.id, (item) => ({ ...item, state: failureState(action.error) }));
    case "retry":
      return update(action.id, (item) => {
        if (item.state.phase !== "failed") return item;
        // Stored bytes are not sent again: only the wait for their verdict failed.
        return { ...item, state: item.photoId ? { phase: "processing" } : { phase: "queued" } };
      });
  }
}

/**
 * Queued items to start now so that at most `concurrency` are in flight, oldest first. A photo
 * waiting for its verdict keeps its slot: its polls are requests too, and with a concurrency of 1
 * uploads then run strictly one after another (the bench's baseline).
 */
export function startable<F>(items: readonly UploadItem<F>[], concurrency: number): string[] {
  const inFlight = items.filter((item) => item.state.phase === "uploading" || item.state.phase === "processing").length;
  return items
    .filter((item) => item.state.phase === "queued")
    .slice(0, Math.max(0, concurrency - inFlight))
    .map((item) => item.id);
}

/**
 * API answers that retrying as is cannot change: the server's verdict. A 400 stays retryable
 * (the title or description can be fixed), as do 401 (sign in again) and 5xx.
 */
const FINAL_STATUSES = new Set([403, 404, 413, 415, 429]);

/** The state a failure leads to, with the server's own message where it sent one. */
export function failureState(error: unknown): Extract<UploadState, { phase: "rejected" | "failed" }> {
  const message = serverMessage(error) ?? (error instanceof Error ? error.message : String(error));
  if (error instanceof ClientError && error.kind === "api" && error.status !== undefined && FINAL_STATUSES.has(error.status)) {
    return { phase: "rejected", message };
  }
  return { phase: "failed", message };
}

/** The API's `error.message` (DESIGN 4: a message a person can act on), when the error carries one. */
export function serverMessage(error: unknown): string | undefined {
  if (!(error instanceof ClientError)) return undefined;
  const body = error.body as { error?: { message?: unknown } } | undefined;
  return typeof body?.error?.message === "string" ? body.error.message : undefined;
}

export interface UploadQueueOptions<F> {
  /** Uploads in flight at once. */
  readonly concurrency: number;
  /** Uploads one item (initiate, PUT, verdict), reporting progress and the stored photo's id. */
  readonly send: (item: UploadItem<F>, events: { onProgress(sentBytes: number, totalBytes: number): void; onUploaded(photoId: string): void }) => Promise<UploadedPhoto>;
  /** Waits again for the verdict on a photo whose bytes are stored. */
  readonly resume: (photoId: string) => Promise<UploadedPhoto>;
  /** Called with the new items after every change. */
  readonly onChange: (items: readonly UploadItem<F>[]) => void;
}

export interface UploadQueue<F> {
  dispatch(action: Exclude<UploadAction<F>, { type: "start" | "progress" | "uploaded" | "settled" | "failed" }>): void;
  items(): readonly UploadItem<F>[];
}

/** The runner: applies every action, then starts what may start. */
export function createUploadQueue<F>(options: UploadQueueOptions<F>): UploadQueue<F> {
  let items: readonly UploadItem<F>[] = [];
  const apply = (action: UploadAction<F>) => {
    const before = items;
    items = reduceUploads(items, action);
    if (action.type === "retry") resumeIfStored(before, action.id);
    for (const id of startable(items, options.concurrency)) begin(id);
    options.onChange(items);
  };
  const settle = (id: string, verdict: Promise<UploadedPhoto>) =>
    verdict.then(
      (photo) => apply({ type: "settled", id, photo }),
      (error: unknown) => apply({ type: "failed", id, error }),
    );
  const begin = (id: string) => {
    items = reduceUploads(items, { type: "start", id });
    const item = items.find((candidate) => candidate.id === id) as UploadItem<F>;
    void settle(
      id,
      // A throw inside send becomes a failed item like a rejected promise.
      Promise.resolve().then(() =>
        options.send(item, {
          onProgress: (sentBytes, totalBytes) => apply({ type: "progress", id, sentBytes, totalBytes }),
          onUploaded: (photoId) => apply({ type: "uploaded", id, photoId }),
        }),
      ),
    );
  };
  const resumeIfStored = (before: readonly UploadItem<F>[], id: string) => {
    const item = before.find((candidate) => candidate.id === id);
    if (item?.state.phase === "failed" && item.photoId) void settle(id, Promise.resolve().then(() => options.resume(item.photoId as string)));
  };
  return { dispatch: apply, items: () => items };
}
