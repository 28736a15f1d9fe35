import type { S3Event } from "aws-lambda";
import { createNotificationDelivery, encodeS3Key, toS3NotificationEvent } from "../../../scripts/local/s3-notifications";

const object = { bucket: "photos", key: "uploads/e/a b+ü.png", size: 42, eTag: "0123456789abcdef0123456789abcdef" };

describe("encodeS3Key", () => {
  it("URL-encodes each segment with spaces as + and keeps slashes", () => {
    expect(encodeS3Key("uploads/e/a b+ü.png")).toBe("uploads/e/a+b%2B%C3%BC.png");
    expect(decodeURIComponent(encodeS3Key(object.key).replace(/\+/g, " "))).toBe(object.key);
  });
});

describe("toS3NotificationEvent", () => {
  it("shapes one ObjectCreated:Put record as S3 sends it", () => {
    const event = toS3NotificationEvent(object, { region: "us-east-1", sequencer: "00A1", now: new Date(0) });
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "us-east-1",
      eventName: "ObjectCreated:Put",
      eventTime: "1970-01-01T00:00:00.000Z",
      s3: {
        bucket: { name: "photos", arn: "arn:aws:s3:::photos" },
        object: { key: "uploads/e/a+b%2B%C3%BC.png", size: 42, eTag: object.eTag, sequencer: "00A1" },
      },
    });
  });
});

describe("createNotificationDelivery", () => {
  function setup(failures: number) {
    const events: S3Event[] = [];
    const log: string[] = [];
    const delivery = createNotificationDelivery({
      functionName: "process-upload",
      invoke: async (event) => {
        events.push(event);
        if (events.length <= failures) throw new Error(`transient ${events.length}`);
      },
      region: "us-east-1",
      prefix: "uploads/",
      retryDelaysMs: [1, 1],
      log: (line) => log.push(line),
    });
    return { events, log, delivery };
  }

  it("delivers objects under the prefix only, with increasing sequencers", async () => {
    const { events, delivery } = setup(0);
    delivery.deliver(object);
    delivery.deliver({ ...object, key: "elsewhere/x.png" });
    delivery.deliver(object);
    await delivery.idle();
    expect(events).toHaveLength(2);
    const [first, second] = events.map((event) => event.Records[0]!.s3.object.sequencer);
    expect(BigInt(`0x${second}`)).toBeGreaterThan(BigInt(`0x${first}`));
  });

  it("retries a failed invocation twice, like Lambda's async invocation", async () => {
    const { events, log, delivery } = setup(2);
    delivery.deliver(object);
    await delivery.idle();
    expect(events).toHaveLength(3);
    expect(log).toEqual([expect.stringContaining("attempt 1"), expect.stringContaining("attempt 2")]);
  });

  it("gives up after the retries and logs the failure", async () => {
    const { events, log, delivery } = setup(5);
    delivery.deliver(object);
    await delivery.idle();
    expect(events).toHaveLength(3);
    expect(log.at(-1)).toMatch(/giving up: transient 3/);
  });

  it("cancels pending retries on stop", async () => {
    const events: S3Event[] = [];
    const delivery = createNotificationDelivery({
      functionName: "process-upload",
      invoke: async (event) => {
        events.push(event);
        throw new Error("down");
      },
      region: "us-east-1",
      prefix: "uploads/",
      retryDelaysMs: [60_000],
      log: () => undefined,
    });
    delivery.deliver(object);
    while (events.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await delivery.stop();
    expect(events).toHaveLength(1);
  });
});
