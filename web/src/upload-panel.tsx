/**
 * The upload panel (DESIGN 7): "Add photos" (a file input, or files dropped on the panel), a row
 * per file with "Title" and "Description", "Upload" to send them all, then per file a progressbar
 * while its bytes go up, "Ready", or the server's message with a retry where one can help.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ApiClient, Photo } from "../../client/api";
import { putBlob } from "../../client/browser-put";
import { uploadPhoto, waitForVerdict } from "../../client/upload-photo";
import { createUploadQueue, type UploadItem } from "../../client/upload-queue";
import { ACCEPTED_CONTENT_TYPES, LIMITS, type AcceptedContentType } from "../../functions/shared/contract";
import { formatBytes, titleFromFileName } from "./photos";

/** How often a processing photo is asked for its verdict. */
const POLL_INTERVAL_MS = 1000;

export interface UploadPanelProps {
  readonly api: ApiClient;
  readonly eventId: string;
  /** Uploads in flight at once (config.json). */
  readonly concurrency: number;
  /** Called once for each photo that became ready. */
  readonly onReady: (photo: Photo) => void;
}

let nextItemId = 0;

export function UploadPanel({ api, eventId, concurrency, onReady }: UploadPanelProps) {
  const [items, setItems] = useState<readonly UploadItem<File>[]>([]);
  const [dragging, setDragging] = useState(false);
  const reported = useRef(new Set<string>());
  const queue = useMemo(
    () =>
      createUploadQueue<File>({
        concurrency,
        send: (item, events) =>
          uploadPhoto({
            api,
            eventId,
            title: item.title.trim(),
            ...(item.description.trim() && { description: item.description.trim() }),
            // The API decides what it accepts; a refusal comes back with its message, shown as is.
            contentType: (item.file.type || "application/octet-stream") as AcceptedContentType,
            contentLength: item.file.size,
            put: putBlob(item.file, item.file.name),
            onProgress: events.onProgress,
            onUploaded: events.onUploaded,
            pollIntervalMs: POLL_INTERVAL_MS,
          }),
        resume: (photoId) => waitForVerdict({ api, eventId, pollIntervalMs: POLL_INTERVAL_MS }, photoId),
        onChange: setItems,
      }),
    [api, eventId, concurrency],
  );

  useEffect(() => {
    for (const item of items) {
      if (item.state.phase === "ready" && !reported.current.has(item.id)) {
        reported.current.add(item.id);
        // A ready photo has its URLs; the grid shows it like a listed one.
        onReady(item.state.photo as Photo);
      }
    }
  }, [items]);

  const add = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    queue.dispatch({ type: "add", items: [...files].map((file) => ({ id: `file-${++nextItemId}`, file, title: titleFromFileName(file.name).slice(0, LIMITS.titleMaxChars) })) });
  };
  const drafts = items.filter((item) => item.state.phase === "draft");
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer?.files ?? null);
  };

  return (
    <section class="card upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload photos</h2>
      <div
        class={dragging ? "drop over" : "drop"}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <input
          id="add-photos"
          class="visually-hidden"
          type="file"
          multiple
          accept={ACCEPTED_CONTENT_TYPES.join(",")}
          onChange={(event) => {
            const input = event.currentTarget as HTMLInputElement;
            add(input.files);
            // The same file may be chosen again after it was removed.
            input.value = "";
          }}
        />
        <label for="add-photos" class="button">
          Add photos
        </label>
        <p class="hint">or drop them here: JPEG, PNG or WebP</p>
      </div>
      {items.length > 0 && (
        <ul class="queue" aria-label="Files to upload">
          {items.map((item) => (
            <UploadRow key={item.id} item={item} onEdit={(change) => queue.dispatch({ type: "edit", id: item.id, ...change })} onRemove={() => queue.dispatch({ type: "remove", id: item.id })} onRetry={() => queue.dispatch({ type: "retry", id: item.id })} />
          ))}
        </ul>
      )}
      {drafts.length > 0 && (
        <button type="button" class="wide" disabled={drafts.some((item) => !item.title.trim())} onClick={() => queue.dispatch({ type: "submit" })}>
          Upload
        </button>
      )}
    </section>
  );
}

interface UploadRowProps {
  readonly item: UploadItem<File>;
  readonly onEdit: (change: { title?: string; description?: string }) => void;
  readonly onRemove: () => void;
  readonly onRetry: () => void;
}

function UploadRow({ item, onEdit, onRemove, onRetry }: UploadRowProps) {
  const { state, file } = item;
  const editable = state.phase === "draft" || state.phase === "failed";
  const percent = state.phase === "uploading" && state.totalBytes > 0 ? Math.round((100 * state.sentBytes) / state.totalBytes) : 0;
  return (
    <li class={`row ${state.phase}`}>
      {editable ? (
        <fieldset>
          <legend>
            {file.name} <span class="meta">{formatBytes(file.size)}</span>
          </legend>
          <label>
            Title
            <input value={item.title} maxLength={LIMITS.titleMaxChars} required onInput={(event) => onEdit({ title: (event.currentTarget as HTMLInputElement).value })} />
          </label>
          <label>
            Description
            <textarea rows={2} value={item.description} maxLength={LIMITS.descriptionMaxChars} onInput={(event) => onEdit({ description: (event.currentTarget as HTMLTextAreaElement).value })} />
          </label>
        </fieldset>
      ) : (
        // Sent: the fields are no longer editable, so the row shows what was sent.
        <p class="row-title">
          <strong>{item.title}</strong> <span class="meta">{file.name} · {formatBytes(file.size)}</span>
        </p>
      )}
      <div class="row-state">
        {state.phase === "uploading" && (
          <div class="progress" role="progressbar" aria-label={`Uploading ${file.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div style={{ width: `${percent}%` }} />
          </div>
        )}
        <p role="status" class={state.phase === "ready" ? "ok" : "meta"}>
          {state.phase === "queued" && "Waiting to upload…"}
          {state.phase === "uploading" && `${percent}% sent`}
          {state.phase === "processing" && "Processing…"}
          {state.phase === "ready" && "Ready"}
        </p>
        {(state.phase === "rejected" || state.phase === "failed") && (
          <p role="alert" class="error">
            {state.message}
          </p>
        )}
        {state.phase === "failed" && (
          <button type="button" class="small" onClick={onRetry}>
            Retry
          </button>
        )}
        {(state.phase === "draft" || state.phase === "rejected") && (
          <button type="button" class="quiet small" onClick={onRemove}>
            Remove
          </button>
        )}
      </div>
    </li>
  );
}
