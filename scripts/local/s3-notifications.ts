/**
 * Turns the S3 emulator's object-created events into S3 notification events and invokes the
 * notified function asynchronously with them (async-invocations.ts: retries, then the failure
 * queue), the way S3 invokes a Lambda function.
 */
import type { S3Event } from "aws-lambda";
import { decodeNotificationKey } from "../../functions/process-upload/notification";
import type { AsyncInvocations } from "./async-invocations";
import type { CreatedObject } from "./emulators";

/** `encodeURIComponent` per path segment with spaces as `+`, as S3 writes keys into notifications. */
export function encodeS3Key(key: string): string {
  return key
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, "+"))
    .join("/");
}

export interface NotificationContext {
  readonly region: string;
  /** Orders events for one key, as S3's sequencer does: hex, increasing. */
  readonly sequencer: string;
  readonly now: Date;
}

export function toS3NotificationEvent(object: CreatedObject, context: NotificationContext): S3Event {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: context.region,
        eventTime: context.now.toISOString(),
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "local" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { "x-amz-request-id": context.sequencer, "x-amz-id-2": context.sequencer },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "photos-uploaded",
          bucket: { name: object.bucket, ownerIdentity: { principalId: "local" }, arn: `arn:aws:s3:::${object.bucket}` },
          object: { key: encodeS3Key(object.key), size: object.size, eTag: object.eTag, sequencer: context.sequencer },
        },
      },
    ],
  };
}

export interface ObjectCreatedNotifierProps {
  /** The function's asynchronous invocations (retries and failure queue). */
  readonly invocations: Pick<AsyncInvocations, "invoke">;
  readonly region: string;
  /** Only keys under this prefix notify, like the notification's filter. */
  readonly prefix: string;
}

/** What the emulator's object-created listener calls: one S3 event per object under the prefix, invoked asynchronously. */
export function createObjectCreatedNotifier(props: ObjectCreatedNotifierProps): (object: CreatedObject) => void {
  let counter = 0n;
  return (object) => {
    if (!object.key.startsWith(props.prefix)) return;
    counter += 1n;
    const sequencer = ((BigInt(Date.now()) << 20n) + counter).toString(16).toUpperCase().padStart(16, "0");
    props.invocations.invoke(toS3NotificationEvent(object, { region: props.region, sequencer, now: new Date() }));
  };
}

/** The object keys of an S3 notification, decoded (`uploads/e/p.jpg, ...`), or "an event" for any other payload: for log lines. */
export function describeNotification(event: unknown): string {
  const records = (event as { Records?: unknown } | null)?.Records;
  const keys = (Array.isArray(records) ? records : []).flatMap((record: { s3?: { object?: { key?: unknown } } } | null) => {
    const key = record?.s3?.object?.key;
    return typeof key === "string" ? [decodedOrAsIs(key)] : [];
  });
  return keys.length > 0 ? keys.join(", ") : "an event";
}

/** A payload sent through the invoke API may hold any key, a malformed escape too. */
function decodedOrAsIs(key: string): string {
  try {
    return decodeNotificationKey(key);
  } catch {
    return key;
  }
}
