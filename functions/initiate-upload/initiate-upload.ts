/**
 * Core of POST /events/{eventId}/photos/initiate-upload: checks the request, counts the upload on
 * the caller's attendance (one conditional write checks attendance and the quota at once), records
 * the upload intent (title and description stay here, so Unicode round-trips exactly) and returns a
 * presigned PUT URL for the key derived from it. Two DynamoDB round trips; only when the count is
 * refused is the event read, to say why (unknown event, not an attendee, quota used up).
 */
import { requireEvent } from "../shared/access";
import { LIMITS, NO_OVERWRITE_HEADER } from "../shared/contract";
import { ApiError } from "../shared/errors";
import type { EventStore } from "../shared/event-store";
import { objectKey } from "../shared/keys";
import type { PhotoStore } from "../shared/photo-store";
import type { UploadSigner } from "../shared/upload-signer";
import { parseInitiateUpload } from "../shared/validation";

export interface InitiateUploadDeps {
  readonly store: Pick<PhotoStore, "createIntent">;
  readonly events: Pick<EventStore, "countUpload" | "getAccess">;
  readonly signUpload: UploadSigner;
  readonly uploadLimitBytes: number;
  /** Uploads one attendee may initiate per event. */
  readonly uploadQuota: number;
  readonly newPhotoId: () => string;
  readonly now: () => Date;
}

export interface InitiateUploadInput {
  readonly eventId: string;
  readonly callerSub: string;
  /** The parsed JSON body, not yet validated. */
  readonly body: unknown;
}

export interface InitiatedUpload {
  readonly photoId: string;
  readonly s3PutObjectUrl: string;
  readonly method: "PUT";
  /** Exactly what the client sends with the PUT: the URL signs each of them. */
  readonly headers: { readonly "Content-Type": string; readonly "Content-Length": string; readonly [NO_OVERWRITE_HEADER.name]: typeof NO_OVERWRITE_HEADER.value };
  readonly expiresAt: string;
}

export async function initiateUpload(deps: InitiateUploadDeps, input: InitiateUploadInput): Promise<InitiatedUpload> {
  const request = parseInitiateUpload(input.body, deps.uploadLimitBytes);
  if (!(await deps.events.countUpload(input.eventId, input.callerSub, deps.uploadQuota))) {
    throw await refusal(deps, input);
  }

  const now = deps.now();
  const photoId = deps.newPhotoId();
  const key = objectKey(input.eventId, photoId, request.contentType);
  await deps.store.createIntent({
    eventId: input.eventId,
    photoId,
    objectKey: key,
    title: request.title,
    description: request.description,
    contentType: request.contentType,
    contentLength: request.contentLength,
    uploadedBy: input.callerSub,
    status: "pending",
    createdAt: now.toISOString(),
    expiresAtEpoch: Math.floor(now.getTime() / 1000) + LIMITS.uploadIntentTtlSeconds,
  });

  const s3PutObjectUrl = await deps.signUpload({
    key,
    contentType: request.contentType,
    contentLength: request.contentLength,
    // Only the ids: the uploader is recorded in the intent, and an object's metadata is no place for personal data.
    metadata: { "photo-id": photoId, "event-id": input.eventId },
    expiresInSeconds: LIMITS.presignExpiresSeconds,
  });
  return {
    photoId,
    s3PutObjectUrl,
    method: "PUT",
    headers: {
      "Content-Type": request.contentType,
      "Content-Length": String(request.contentLength),
      [NO_OVERWRITE_HEADER.name]: NO_OVERWRITE_HEADER.value,
    },
    expiresAt: new Date(now.getTime() + LIMITS.presignExpiresSeconds * 1000).toISOString(),
  };
}

/** Why the upload was not counted: the event, the caller's registration or the quota. */
async function refusal(deps: InitiateUploadDeps, input: InitiateUploadInput): Promise<ApiError> {
  const { event, attendance } = await deps.events.getAccess(input.eventId, input.callerSub);
  requireEvent(input.eventId, event);
  if (attendance) {
    return new ApiError(
      "upload_quota_exceeded",
      `You have initiated ${attendance.uploads} uploads to event "${input.eventId}", the most one attendee may (${deps.uploadQuota}); ask the organizer if you need more.`,
    );
  }
  return new ApiError("not_attendee", `You are not registered as an attendee of event "${input.eventId}"; ask the organizer to register you, then retry.`);
}
