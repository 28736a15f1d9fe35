/** Reading S3 event notifications. */
import type { S3Event } from "aws-lambda";

/**
 * The object key as stored. S3 URL-encodes keys in notifications form-style: `+` is a space, so it
 * must be replaced before percent-decoding (a literal `+` arrives as `%2B`).
 */
export function decodeNotificationKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, " "));
}

/** Encoded keys of the object-created records of an event; S3's test event has no records. */
export function createdObjectKeys(event: Partial<S3Event>): string[] {
  return (event.Records ?? [])
    .filter((record) => record.eventName.startsWith("ObjectCreated:"))
    .map((record) => record.s3.object.key);
}
