/**
 * Feeds the S3 emulator's object-created events to the processor as S3 notification events,
 * asynchronously and with retries, the way S3 invokes a Lambda function: an async invocation is
 * retried twice with backoff, then reported (in AWS: sent to the on-failure destination).
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
import type { S3Event } from "aws-lambda";
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

export interface NotificationDeliveryProps {
  /** The function notified, for log lines. */
  readonly functionName: string;
  /** Runs the function on one event; a rejection is a failed invocation. */
  readonly invoke: (event: S3Event) => Promise<unknown>;
  readonly region: string;
  /** Only keys under this prefix are delivered, like the notification's filter. */
  readonly prefix: string;
  /** Wait before each retry; Lambda retries twice (after about 1 and 2 minutes; shortened locally). @default [1000, 2000] */
  readonly retryDelaysMs?: readonly number[];
  readonly log: (line: string) => void;
}

export interface NotificationDelivery {
  /** Queues delivery of one created object and returns at once. */
  deliver(object: CreatedObject): void;
  /** Resolves when every queued delivery has succeeded or used up its retries. */
  idle(): Promise<void>;
  /** Cancels pending retries and waits for running invocations. */
  stop(): Promise<void>;
}

export function createNotificationDelivery(props: NotificationDeliveryProps): NotificationDelivery {
  const retryDelaysMs = props.retryDelaysMs ?? [1000, 2000];
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<{ timer: NodeJS.Timeout; settle: () => void }>();
  let counter = 0n;
  let stopped = false;

  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve(true);
        }, ms),
        settle: () => resolve(false),
      };
      timers.add(entry);
    });

  async function run(event: S3Event, key: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await props.invoke(event);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        const reason = (error as Error).message ?? String(error);
        if (delay === undefined || stopped) {
          props.log(`${props.functionName} failed for ${key} after ${attempt + 1} attempts, giving up: ${reason}`);
          return;
        }
        props.log(`${props.functionName} failed for ${key} (attempt ${attempt + 1}), retrying in ${delay} ms: ${reason}`);
        if (!(await wait(delay))) return;
      }
    }
  }

  return {
    deliver(object) {
      if (stopped || !object.key.startsWith(props.prefix)) return;
      counter += 1n;
      const sequencer = ((BigInt(Date.now()) << 20n) + counter).toString(16).toUpperCase().padStart(16, "0");
      const event = toS3NotificationEvent(object, { region: props.region, sequencer, now: new Date() });
      // Defer past the emulator's write so the processor never races the PUT's own response.
      const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => run(event, object.key));
      inFlight.add(delivery);
      void delivery.finally(() => inFlight.delete(delivery));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
    async stop() {
      stopped = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.settle();
      }
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}
