import { isPhotoId, photoIdFactory } from "../../../functions/shared/photo-id";

test("ids sort by time, and strictly increase within one millisecond", () => {
  const next = photoIdFactory();
  const ids = [next(1000), next(1000), next(1000), next(999), next(2000), next(2000), next(1_700_000_000_000)];
  expect(ids.every(isPhotoId)).toBe(true);
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});

test.each(["", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "01arz3ndektsv4rrffq69g5fav", "81ARZ3NDEKTSV4RRFFQ69G5FAV", "01ARZ3NDEKTSV4RRFFQ69G5FAU"])(
  "%p is not a photo id",
  (value) => {
    expect(isPhotoId(value)).toBe(false);
  },
);
