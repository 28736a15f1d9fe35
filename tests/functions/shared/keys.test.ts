import { attendanceKey, objectKey, parseObjectKey, photoKey, uploadKey } from "../../../functions/shared/keys";

const PHOTO_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

test("item keys share the event partition", () => {
  expect(attendanceKey("gala", "sub-1")).toEqual({ pk: "EVENT#gala", sk: "ATTENDEE#sub-1" });
  expect(uploadKey("gala", PHOTO_ID)).toEqual({ pk: "EVENT#gala", sk: `UPLOAD#${PHOTO_ID}` });
  expect(photoKey("gala", PHOTO_ID)).toEqual({ pk: "EVENT#gala", sk: `PHOTO#${PHOTO_ID}` });
});

test.each([
  ["image/jpeg", "jpg"],
  ["image/png", "png"],
  ["image/webp", "webp"],
] as const)("object keys of %s round-trip through the parser", (contentType, extension) => {
  const key = objectKey("gala", PHOTO_ID, contentType);
  expect(key).toBe(`uploads/gala/${PHOTO_ID}.${extension}`);
  expect(parseObjectKey(key)).toEqual({ eventId: "gala", photoId: PHOTO_ID, contentType });
});

test.each([
  `gala/${PHOTO_ID}.png`,
  `uploads/gala/${PHOTO_ID}.gif`,
  `uploads/gala/${PHOTO_ID}`,
  `uploads/gala/not-an-id.png`,
  `uploads/bad event/${PHOTO_ID}.png`,
  `uploads/gala/sub/${PHOTO_ID}.png`,
  `uploads/${PHOTO_ID}.png`,
  `uploads/gala/${PHOTO_ID}.png.png`,
])("keys outside the scheme are not parsed: %s", (key) => {
  expect(parseObjectKey(key)).toBeUndefined();
});
