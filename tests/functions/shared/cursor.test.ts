import { decodeCursor, encodeCursor } from "../../../functions/shared/cursor";

const PHOTO_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

test("round-trips and is URL-safe", () => {
  const cursor = encodeCursor({ eventId: "gala", afterPhotoId: PHOTO_ID });
  expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodeCursor(cursor, "gala")).toEqual({ eventId: "gala", afterPhotoId: PHOTO_ID });
});

test("a cursor of another event is refused", () => {
  expect(() => decodeCursor(encodeCursor({ eventId: "other", afterPhotoId: PHOTO_ID }), "gala")).toThrow(expect.objectContaining({ code: "invalid_request" }));
});

const tamper = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString("base64url");
test.each([
  ["not base64url", "a+b/c="],
  ["not JSON", Buffer.from("{nope").toString("base64url")],
  ["a JSON string", tamper("gala")],
  ["a foreign photo id", tamper({ v: 1, e: "gala", p: "PHOTO#x" })],
  ["an extra field", tamper({ v: 1, e: "gala", p: PHOTO_ID, admin: true })],
  ["a missing field", tamper({ v: 1, e: "gala" })],
  ["another version", tamper({ v: 9, e: "gala", p: PHOTO_ID })],
  ["a flipped character", encodeCursor({ eventId: "gala", afterPhotoId: PHOTO_ID }).replace(/^./, "x")],
])("a cursor that is %s is refused with a message naming it", (_case, cursor) => {
  expect(() => decodeCursor(cursor, "gala")).toThrow(new RegExp(`cursor "${cursor.replace(/[+/=]/g, "\\$&")}"`));
});
