import { detectImageType, MAGIC_BYTES_LENGTH } from "../../../functions/shared/image-types";
import { ACCEPTED_CONTENT_TYPES } from "../../../functions/shared/contract";
import { makeImage, notAnImage } from "../../helpers/images";

test.each(ACCEPTED_CONTENT_TYPES)("recognises %s from its first bytes", async (contentType) => {
  expect(detectImageType((await makeImage(contentType)).subarray(0, MAGIC_BYTES_LENGTH))).toBe(contentType);
});

test.each([
  ["text", notAnImage(32)],
  ["empty", Buffer.alloc(0)],
  ["a truncated PNG signature", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a])],
  ["a RIFF file that is not WebP", Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt ")])],
  ["two JPEG bytes", Buffer.from([0xff, 0xd8])],
])("rejects %s", (_name, bytes) => {
  expect(detectImageType(bytes)).toBeUndefined();
});
