/**
 * What each route takes and answers, for openapi.json: the request schemas the handlers validate
 * with (functions/shared/validation.ts), the response schemas (functions/shared/response-schemas.ts)
 * and the error codes each route may answer. Paths and methods come from the contract's ROUTES.
 */
import type { z } from "zod";
import type { ApiErrorCode } from "../../functions/shared/errors";
import type { RouteId } from "../../functions/shared/contract";
import * as responses from "../../functions/shared/response-schemas";
import { initiateUploadBodySchema, pageQuerySchema, putEventBodySchema, registerAttendeesBodySchema } from "../../functions/shared/validation";

export interface Operation {
  readonly summary: string;
  readonly description?: string;
  readonly query?: typeof pageQuerySchema;
  readonly body?: z.ZodType;
  /** Success statuses and their body's component name (null: no body). */
  readonly success: Readonly<Record<number, keyof typeof COMPONENTS | null>>;
  /** The API's own error codes this route may answer (401 and 500 apply to every route). */
  readonly errors: readonly ApiErrorCode[];
}

/** Named response shapes, under `components.schemas`. */
export const COMPONENTS = {
  Event: responses.eventSchema,
  MyEvents: responses.myEventsSchema,
  Registration: responses.registrationSchema,
  Attendees: responses.attendeesSchema,
  InitiatedUpload: responses.initiatedUploadSchema,
  PhotoPage: responses.photoPageSchema,
  PhotoWithStatus: responses.photoWithStatusSchema,
  Error: responses.errorBodySchema,
} as const;

const EVENT_ERRORS = ["invalid_request", "event_not_found"] as const;

export const OPERATIONS: Readonly<Record<RouteId, Operation>> = {
  putEvent: {
    summary: "Create an event, or replace its fields",
    description: "Members of the organizers group create events; the caller becomes the organizer. Only the event's organizer may replace its fields.",
    body: putEventBodySchema,
    success: { 200: "Event", 201: "Event" },
    errors: ["invalid_request", "not_organizer", "not_event_organizer"],
  },
  getEvent: { summary: "An event and the caller's role in it", success: { 200: "Event" }, errors: EVENT_ERRORS },
  listMyEvents: {
    summary: "The events the caller attends or organizes",
    query: pageQuerySchema,
    success: { 200: "MyEvents" },
    errors: ["invalid_request"],
  },
  registerAttendees: {
    summary: "Register users as attendees by email (the event's organizer)",
    description: "Idempotent: registering someone again keeps their upload count.",
    body: registerAttendeesBodySchema,
    success: { 200: "Registration" },
    errors: [...EVENT_ERRORS, "not_event_organizer"],
  },
  listAttendees: {
    summary: "An event's attendees and their upload counts (the event's organizer)",
    query: pageQuerySchema,
    success: { 200: "Attendees" },
    errors: [...EVENT_ERRORS, "not_event_organizer"],
  },
  removeAttendee: {
    summary: "Remove an attendee (the event's organizer); also succeeds when absent",
    success: { 204: null },
    errors: [...EVENT_ERRORS, "not_event_organizer", "cannot_remove_organizer"],
  },
  initiateUpload: {
    summary: "Ask for a presigned S3 PUT URL for one photo (attendees)",
    description: "PUT the bytes to s3PutObjectUrl with exactly the returned headers before expiresAt.",
    body: initiateUploadBodySchema,
    success: { 201: "InitiatedUpload" },
    errors: [...EVENT_ERRORS, "not_attendee", "too_large", "unsupported_media_type", "upload_quota_exceeded"],
  },
  listPhotos: {
    summary: "An event's ready photos, newest first",
    query: pageQuerySchema,
    success: { 200: "PhotoPage" },
    errors: [...EVENT_ERRORS, "not_attendee"],
  },
  getPhoto: {
    summary: "One photo with its status; pending and rejected ones only to their uploader",
    success: { 200: "PhotoWithStatus" },
    errors: [...EVENT_ERRORS, "not_attendee", "not_found"],
  },
  deletePhoto: {
    summary: "Delete a photo (its uploader, or the event's organizer)",
    description: "Removes the record, the original and the variants, and invalidates the CDN paths.",
    success: { 204: null },
    errors: [...EVENT_ERRORS, "not_allowed", "not_found"],
  },
};
