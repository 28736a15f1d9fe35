/**
 * One upload, the way every client makes it: ask the API for a presigned URL, PUT the bytes
 * straight to S3 with exactly the headers the API returned, then wait for the processor's verdict.
 * The PUT itself is passed in, so Node (a file stream) and the browser (XMLHttpRequest, for
 * progress events) share the rest.
 */
import type { AcceptedContentType } from "../functions/shared/contract";
import type { ApiClient, InitiatedUpload, PhotoWithStatus } from "./api";
import { ClientError } from "./errors";

/** Sends the bytes to the presigned URL, reporting progress; rejects with a ClientError of kind `upload`. */
export type PutObject = (upload: Pick<InitiatedUpload, "s3PutObjectUrl" | "method" | "headers">, onProgress: (sentBytes: number, totalBytes: number) => void) => Promise<void>;

export interface UploadPhotoOptions {
  readonly api: Pick<ApiClient, "initiateUpload" | "getPhoto">;
  readonly eventId: string;
  readonly title: string;
  readonly description?: string;
  readonly contentType: AcceptedContentType;
  readonly contentLength: number;
  readonly put: PutObject;
  /** Called as bytes go out. @default nothing */
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Called once the bytes are stored, before waiting for the verdict. @default nothing */
  readonly onUploaded?: (photoId: string) => void;
  /** How long to wait for the processor's verdict after the upload. @default 60000 */
  readonly timeoutMs?: number;
  /** @default 500 */
  readonly pollIntervalMs?: number;
}

/** The processor's verdict: the photo as GET answers it, ready or rejected (with its reason). */
export type UploadedPhoto = PhotoWithStatus & { readonly status: "ready" | "rejected" };

export async function uploadPhoto(options: UploadPhotoOptions): Promise<UploadedPhoto> {
  const initiated = await options.api.initiateUpload(options.eventId, {
    title: options.title,
    ...(options.description !== undefined && { description: options.description }),
    contentType: options.contentType,
    contentLength: options.contentLength,
  });
  await options.put(initiated, options.onProgress ?? (() => undefined));
  options.onUploaded?.(initiated.photoId);
  return waitForVerdict(options, initiated.photoId);
}

/** Polls the photo until the processor has accepted or rejected it. */
export async function waitForVerdict(
  options: Pick<UploadPhotoOptions, "api" | "eventId" | "timeoutMs" | "pollIntervalMs">,
  photoId: string,
): Promise<UploadedPhoto> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const photo = await options.api.getPhoto(options.eventId, photoId).catch((error: unknown) => {
      // The photo may not be readable for a moment after the upload; keep waiting until the deadline.
      if (error instanceof ClientError && error.status === 404) return undefined;
      throw error;
    });
    if (photo && photo.status !== "pending") return { ...photo, status: photo.status };
    if (Date.now() >= deadline) {
      throw new ClientError(
        "timeout",
        `photo ${photoId} is still ${photo?.status ?? "not visible"} after ${timeoutMs} ms; check the processor's logs or wait longer`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 500));
  }
}
