import { cursorCodec } from "../../../functions/shared/cursor";
import { isPhotoId } from "../../../functions/shared/photo-id";

const PHOTO_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
const photos = cursorCodec("photos", isPhotoId);

test("round-trips and is URL-safe", () => {
  const cursor = photos.encode("gala", PHOTO_ID);
  expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(photos.decode(cursor, "gala")).toBe(PHOTO_ID);
});

test("a cursor of another event is refused", () => {
  expect(() => photos.decode(photos.encode("other", PHOTO_ID), "gala")).toThrow(expect.objectContaining({ code: "invalid_request" }));
});

test("a cursor of another list is refused, even for the same scope and key", () => {
  const attendees = cursorCodec("attendees", () => true);
  expect(() => photos.decode(attendees.encode("gala", PHOTO_ID), "gala")).toThrow(expect.objectContaining({ code: "invalid_request" }));
});

const tamper = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString("base64url");
test.each([
  ["not base64url", "a+b/c="],
  ["not JSON", Buffer.from("{nope").toString("base64url")],
  ["a JSON string", tamper("gala")],
  ["a foreign photo id", tamper({ v: 1, k: "photos", s: "gala", a: "PHOTO#x" })],
  ["an extra field", tamper({ v: 1, k: "photos", s: "gala", a: PHOTO_ID, admin: true })],
  ["a missing field", tamper({ v: 1, k: "photos", s: "gala" })],
  ["another version", tamper({ v: 9, k: "photos", s: "gala", a: PHOTO_ID })],
  ["a flipped character", photos.encode("gala", PHOTO_ID).replace(/^./, "x")],
])("a cursor that is %s is refused with a message naming it", (_case, cursor) => {
  expect(() => photos.decode(cursor, "gala")).toThrow(new RegExp(`cursor "${cursor.replace(/[+/=]/g, "\\$&")}"`));
});
