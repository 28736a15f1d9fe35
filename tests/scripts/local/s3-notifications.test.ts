import type { S3Event } from "aws-lambda";
import { createObjectCreatedNotifier, describeNotification, encodeS3Key, toS3NotificationEvent } from "../../../scripts/local/s3-notifications";

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

describe("createObjectCreatedNotifier", () => {
  it("invokes with objects under the prefix only, with increasing sequencers", () => {
    const events: S3Event[] = [];
    const notify = createObjectCreatedNotifier({
      invocations: { invoke: (event) => (events.push(event as S3Event), "request") },
      region: "us-east-1",
      prefix: "uploads/",
    });
    notify(object);
    notify({ ...object, key: "elsewhere/x.png" });
    notify(object);
    expect(events).toHaveLength(2);
    const [first, second] = events.map((event) => event.Records[0]!.s3.object.sequencer);
    expect(BigInt(`0x${second}`)).toBeGreaterThan(BigInt(`0x${first}`));
  });
});

describe("describeNotification", () => {
  it("names the decoded keys of an S3 event, and any other payload as an event", () => {
    const event = toS3NotificationEvent(object, { region: "us-east-1", sequencer: "1", now: new Date(0) });
    expect(describeNotification({ Records: [...event.Records, ...event.Records] })).toBe("uploads/e/a b+ü.png, uploads/e/a b+ü.png");
    expect(describeNotification({ Records: [{ s3: { object: { key: "bad%escape" } } }] })).toBe("bad%escape");
    expect(describeNotification({ orders: [1] })).toBe("an event");
    expect(describeNotification(null)).toBe("an event");
  });
});
