/** S3 ObjectCreated notifications as S3 sends them: keys URL-encoded form-style (`+` for a space). */
import type { S3Event } from "aws-lambda";

export function encodeKeyLikeS3(key: string): string {
  return key
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, "+"))
    .join("/");
}

export function objectCreatedEvent(bucket: string, objects: readonly { key: string; size: number }[]): S3Event {
  return {
    Records: objects.map(({ key, size }) => ({
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "us-east-1",
      eventTime: "2026-01-01T00:00:00.000Z",
      eventName: "ObjectCreated:Put",
      userIdentity: { principalId: "AWS:test" },
      requestParameters: { sourceIPAddress: "127.0.0.1" },
      responseElements: { "x-amz-request-id": "test", "x-amz-id-2": "test" },
      s3: {
        s3SchemaVersion: "1.0",
        configurationId: "uploads",
        bucket: { name: bucket, ownerIdentity: { principalId: "test" }, arn: `arn:aws:s3:::${bucket}` },
        object: { key: encodeKeyLikeS3(key), size, eTag: "etag", sequencer: "0" },
      },
    })),
  };
}
