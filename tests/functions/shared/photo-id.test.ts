import { isPhotoId, photoIdFactory } from "../../../functions/shared/photo-id";

test("ids sort by time, and strictly increase within one millisecond", () => {
  const next = photoIdFactory();
  const ids = [next(1000), next(1000), next(1000), next(999), next(2000), next(2000), next(1_700_000_000_000)];
  expect(ids.every(isPhotoId)).toBe(true);
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});

test("the random part carries within a millisecond, and overflow is an error, not a repeat", () => {
  const next = photoIdFactory((size) => new Uint8Array(size).fill(31).map((value, index) => (index === size - 1 ? 30 : value)));
  expect(next(5).slice(10)).toBe("Z".repeat(15) + "Y");
  expect(next(5).slice(10)).toBe("Z".repeat(16));
  expect(() => next(5)).toThrow(RangeError);
});

test.each(["", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "01arz3ndektsv4rrffq69g5fav", "81ARZ3NDEKTSV4RRFFQ69G5FAV", "01ARZ3NDEKTSV4RRFFQ69G5FAU"])(
  "%p is not a photo id",
  (value) => {
    expect(isPhotoId(value)).toBe(false);
  },
);
