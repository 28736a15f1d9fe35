/**
 * One upload, the way every client makes it: ask the API for a presigned URL, PUT the bytes
 * straight to S3 with exactly the headers the API returned, then wait for the processor's verdict.
 * The PUT itself is passed in, so Node (a file stream) and the browser (XMLHttpRequest, for
 * progress events) share the rest.
 */
import type { AcceptedContentType } from "../functions/shared/contract";
import type { ApiCall } from "./api";
import { ClientError } from "./errors";

export type PhotoStatus = "pending" | "ready" | "rejected";

/** What initiate-upload answers: where and how to PUT. */
export interface InitiatedUpload {
  readonly photoId: string;
  readonly s3PutObjectUrl: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

/** Sends the bytes to the presigned URL, reporting progress; rejects with a ClientError of kind `upload`. */
export type PutObject = (upload: InitiatedUpload, onProgress: (sentBytes: number, totalBytes: number) => void) => Promise<void>;

export interface UploadPhotoOptions {
  readonly api: ApiCall;
  readonly eventId: string;
  readonly title: string;
  readonly description?: string;
  readonly contentType: AcceptedContentType;
  readonly contentLength: number;
  readonly put: PutObject;
  /** Called as bytes go out. @default nothing */
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** How long to wait for the processor's verdict after the upload. @default 60000 */
  readonly timeoutMs?: number;
  /** @default 500 */
  readonly pollIntervalMs?: number;
}

/** Why the processor refused a photo: a DESIGN section 5 code and a message to show as it is. */
export interface PhotoRejection {
  readonly code: string;
  readonly message: string;
}

export interface UploadedPhoto {
  readonly photoId: string;
  readonly status: Exclude<PhotoStatus, "pending">;
  /** The display variant and the thumbnail; null when rejected. */
  readonly url: string | null;
  readonly thumbnailUrl: string | null;
  /** Set when rejected. */
  readonly rejection?: PhotoRejection;
}

export async function uploadPhoto(options: UploadPhotoOptions): Promise<UploadedPhoto> {
  const initiated = (await options.api("initiateUpload", {
    path: { eventId: options.eventId },
    body: {
      title: options.title,
      ...(options.description !== undefined && { description: options.description }),
      contentType: options.contentType,
      contentLength: options.contentLength,
    },
  })) as InitiatedUpload;
  await options.put(initiated, options.onProgress ?? (() => undefined));
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
    const photo = (await options.api("getPhoto", { path: { eventId: options.eventId, photoId } }).catch((error: unknown) => {
      // The photo may not be readable for a moment after the upload; keep waiting until the deadline.
      if (error instanceof ClientError && error.status === 404) return undefined;
      throw error;
    })) as { status: PhotoStatus; url: string | null; thumbnailUrl: string | null; rejection?: PhotoRejection } | undefined;
    if (photo && photo.status !== "pending") {
      return { photoId, status: photo.status, url: photo.url, thumbnailUrl: photo.thumbnailUrl, ...(photo.rejection && { rejection: photo.rejection }) };
    }
    if (Date.now() >= deadline) {
      throw new ClientError(
        "timeout",
        `photo ${photoId} is still ${photo?.status ?? "not visible"} after ${timeoutMs} ms; check the processor's logs or wait longer`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 500));
  }
}
