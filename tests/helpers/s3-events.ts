/** S3 ObjectCreated notifications as S3 sends them, several records to one event (keys URL-encoded form-style). */
import type { S3Event } from "aws-lambda";
import { toS3NotificationEvent } from "../../scripts/local/s3-notifications";

export function objectCreatedEvent(bucket: string, objects: readonly { key: string; size: number }[]): S3Event {
  const now = new Date("2026-01-01T00:00:00.000Z");
  return {
    Records: objects.flatMap(
      ({ key, size }, index) =>
        toS3NotificationEvent({ bucket, key, size, eTag: "etag" }, { region: "us-east-1", sequencer: String(index), now }).Records,
    ),
  };
}
