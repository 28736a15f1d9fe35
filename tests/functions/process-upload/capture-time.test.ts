import sharp, { type Exif } from "sharp";
import { captureTime } from "../../../functions/process-upload/capture-time";
import { makeImage } from "../../helpers/images";

async function exifOf(exif: Exif): Promise<Buffer | undefined> {
  const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: "white" } }).jpeg().withExif(exif).toBuffer();
  return (await sharp(jpeg).metadata()).exif;
}

/** A big-endian TIFF block: IFD0 with only the Exif IFD pointer, and an Exif IFD with DateTimeOriginal. */
function bigEndianExif(dateTime: string): Buffer {
  const text = Buffer.from(`${dateTime}\0`, "latin1");
  const block = Buffer.alloc(8 + 18 + 18 + text.length);
  block.write("MM", 0, "latin1");
  block.writeUInt16BE(42, 2);
  block.writeUInt32BE(8, 4);
  block.writeUInt16BE(1, 8);
  block.writeUInt16BE(0x8769, 10);
  block.writeUInt16BE(4, 12);
  block.writeUInt32BE(1, 14);
  block.writeUInt32BE(26, 18);
  block.writeUInt16BE(1, 26);
  block.writeUInt16BE(0x9003, 28);
  block.writeUInt16BE(2, 30);
  block.writeUInt32BE(text.length, 32);
  block.writeUInt32BE(44, 36);
  text.copy(block, 44);
  return block;
}

test("reads DateTimeOriginal with its offset as ISO 8601", async () => {
  const image = await makeImage("image/jpeg", { cameraMetadata: true });
  expect(captureTime((await sharp(image).metadata()).exif)).toBe("2024-06-01T14:30:00+02:00");
});

test("without an offset the time stays local, as the camera wrote it", async () => {
  expect(captureTime(await exifOf({ IFD2: { DateTimeOriginal: "2023:12:31 23:59:58" } }))).toBe("2023-12-31T23:59:58");
});

test("reads big-endian blocks and ignores a malformed offset", async () => {
  expect(captureTime(bigEndianExif("2020:02:29 08:00:00"))).toBe("2020-02-29T08:00:00");
  expect(captureTime(await exifOf({ IFD2: { DateTimeOriginal: "2023:01:02 03:04:05", OffsetTimeOriginal: "CET" } }))).toBe("2023-01-02T03:04:05");
});

test.each([
  ["no EXIF at all", undefined],
  ["EXIF without a capture time", Buffer.from("Exif\0\0II*\0\x08\0\0\0\0\0", "latin1")],
  ["a camera's unset time", bigEndianExif("0000:00:00 00:00:00")],
  ["blanks", bigEndianExif("    :  :     :  :  ")],
  ["a block cut short", bigEndianExif("2020:02:29 08:00:00").subarray(0, 40)],
  ["not TIFF", Buffer.from("not an exif block at all")],
])("%s gives null", async (_name, exif) => {
  expect(captureTime(exif)).toBeNull();
});

test("only the Make and GPS tags are present otherwise: nothing but the time is read", async () => {
  expect(captureTime(await exifOf({ IFD0: { Make: "TestCam" }, IFD3: { GPSLatitudeRef: "N" } }))).toBeNull();
});
