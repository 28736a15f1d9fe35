import { detectImageType, MAGIC_BYTES_LENGTH } from "../../../functions/shared/image-types";
import { notAnImage, TINY_IMAGES } from "../../helpers/images";

test.each(Object.entries(TINY_IMAGES))("recognises %s from its first bytes", (contentType, bytes) => {
  expect(detectImageType(bytes.subarray(0, MAGIC_BYTES_LENGTH))).toBe(contentType);
});

test.each([
  ["text", notAnImage(32)],
  ["empty", Buffer.alloc(0)],
  ["a truncated PNG signature", TINY_IMAGES["image/png"].subarray(0, 7)],
  ["a RIFF file that is not WebP", Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt ")])],
  ["two JPEG bytes", Buffer.from([0xff, 0xd8])],
])("rejects %s", (_name, bytes) => {
  expect(detectImageType(bytes)).toBeUndefined();
});
