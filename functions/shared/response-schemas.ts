/**
 * The shapes the API answers with (DESIGN section 4), as zod schemas: openapi.json is generated
 * from them (scripts/openapi/), the handlers' views are typed by them, and the tests check every
 * answer against them. Handlers import only the types, so no schema is bundled for nothing.
 */
import { z } from "zod";
import { ACCEPTED_CONTENT_TYPES, VISIBILITIES } from "./contract";
import { ERROR_STATUS } from "./errors";

const timestamp = z.string().meta({ format: "date-time" });
const nullableTimestamp = timestamp.nullable();
const nextCursor = z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" });

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum([...(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]), "internal_error"]),
    message: z.string().meta({ description: "What went wrong and what to do about it" }),
    details: z.array(z.strictObject({ field: z.string(), message: z.string() })).optional(),
  }),
});

export const roleSchema = z.enum(["organizer", "attendee", "none"]).meta({ description: "The caller's role in the event" });

export const eventSchema = z.strictObject({
  eventId: z.string(),
  name: z.string(),
  startsAt: nullableTimestamp,
  endsAt: nullableTimestamp,
  visibility: z.enum(VISIBILITIES),
  role: roleSchema,
});

export const myEventsSchema = z.strictObject({ events: z.array(eventSchema), nextCursor });

export const registrationSchema = z.strictObject({
  registered: z.array(z.strictObject({ email: z.string(), userId: z.string() })),
  notFound: z.array(z.string()).meta({ description: "Addresses no user has; they were not registered" }),
});

export const attendeeSchema = z.strictObject({
  userId: z.string(),
  email: z.string().nullable(),
  registeredAt: timestamp,
  uploads: z.number().int().meta({ description: "Uploads the attendee initiated, which the quota limits" }),
});

export const attendeesSchema = z.strictObject({ attendees: z.array(attendeeSchema), nextCursor });

export const initiatedUploadSchema = z.strictObject({
  photoId: z.string(),
  s3PutObjectUrl: z.string().meta({ description: "Presigned S3 PUT URL, valid until expiresAt" }),
  method: z.literal("PUT"),
  headers: z
    .object({ "Content-Type": z.string(), "Content-Length": z.string() })
    .catchall(z.string())
    .meta({ description: "Send exactly these headers with the PUT" }),
  expiresAt: timestamp,
});

const photoFields = {
  id: z.string(),
  eventId: z.string(),
  title: z.string(),
  description: z.string(),
  contentType: z.enum(ACCEPTED_CONTENT_TYPES).meta({ description: "The uploaded original's type" }),
  sizeBytes: z.number().int().meta({ description: "The uploaded original's size" }),
  uploadedBy: z.string(),
  createdAt: timestamp,
};

const publishedFields = {
  width: z.number().int().meta({ description: "Width of the upright original" }),
  height: z.number().int().meta({ description: "Height of the upright original" }),
  url: z.string().meta({ description: "The display variant (WebP, long side at most 2048 px)" }),
  thumbnailUrl: z.string().meta({ description: "The thumbnail (WebP, long side at most 400 px)" }),
  // Not `date-time`: a camera that records no UTC offset gives its local time only.
  takenAt: z
    .string()
    .nullable()
    .meta({ description: "The camera's capture time from EXIF (ISO 8601, with the camera's UTC offset when it recorded one), or null" }),
};

/** A ready photo, as lists show it. */
export const photoSchema = z.strictObject({ ...photoFields, ...publishedFields });

export const photoPageSchema = z.strictObject({ photos: z.array(photoSchema), nextCursor });

/** One photo with its status: pending and rejected ones (seen by their uploader only) have no variants yet. */
export const photoWithStatusSchema = z.strictObject({
  ...photoFields,
  width: publishedFields.width.nullable(),
  height: publishedFields.height.nullable(),
  url: publishedFields.url.nullable(),
  thumbnailUrl: publishedFields.thumbnailUrl.nullable(),
  takenAt: publishedFields.takenAt,
  status: z.enum(["pending", "ready", "rejected"]),
  rejection: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});

export type EventView = z.infer<typeof eventSchema>;
export type Role = z.infer<typeof roleSchema>;
export type AttendeeView = z.infer<typeof attendeeSchema>;
export type Registration = z.infer<typeof registrationSchema>;
