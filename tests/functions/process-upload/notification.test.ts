import { createdObjectKeys, decodeNotificationKey } from "../../../functions/process-upload/notification";
import { encodeS3Key } from "../../../scripts/local/s3-notifications";
import { objectCreatedEvent } from "../../helpers/s3-events";

test.each(["uploads/a b/c.png", "uploads/été/東京 😀.jpg", "uploads/1+1=2/%41.webp", "uploads/x/y.png"])("decodes %p as S3 encodes it", (key) => {
  expect(decodeNotificationKey(encodeS3Key(key))).toBe(key);
});

test("`+` is a space and %2B a plus", () => {
  expect(decodeNotificationKey("uploads/a+b%2Bc.png")).toBe("uploads/a b+c.png");
});

test("only object-created records are taken; S3's test event has none", () => {
  const event = objectCreatedEvent("b", [{ key: "uploads/a.png", size: 1 }, { key: "uploads/b.png", size: 1 }]);
  const removed = { ...event.Records[1]!, eventName: "ObjectRemoved:Delete" };
  expect(createdObjectKeys({ Records: [event.Records[0]!, removed] })).toEqual(["uploads/a.png"]);
  expect(createdObjectKeys({})).toEqual([]);
});
