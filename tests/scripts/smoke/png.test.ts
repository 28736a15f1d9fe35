import { inflateSync } from "node:zlib";
import { solidPng } from "../../../scripts/smoke/png";
import { detectImageType } from "../../../functions/shared/image-types";

test("starts with the PNG signature the processor checks", () => {
  expect(detectImageType(solidPng(2, 2, { red: 1, green: 2, blue: 3 }))).toBe("image/png");
});

test("declares its size and holds one filtered scanline of the colour per row", () => {
  const png = solidPng(3, 2, { red: 10, green: 20, blue: 30 });
  expect(png.readUInt32BE(16)).toBe(3);
  expect(png.readUInt32BE(20)).toBe(2);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString("ascii", 37, 41)).toBe("IDAT");
  const pixels = inflateSync(png.subarray(41, 41 + idatLength));
  const row = [0, 10, 20, 30, 10, 20, 30, 10, 20, 30];
  expect([...pixels]).toEqual([...row, ...row]);
  expect(png.subarray(-8, -4).toString("ascii")).toBe("IEND");
});

test("differs by colour, so each smoke run uploads distinct bytes", () => {
  expect(solidPng(1, 1, { red: 0, green: 0, blue: 0 }).equals(solidPng(1, 1, { red: 0, green: 0, blue: 1 }))).toBe(false);
});

test("refuses a size it cannot encode, naming it", () => {
  expect(() => solidPng(0, 1, { red: 0, green: 0, blue: 0 })).toThrow(/width is 0/);
});
