import { createZip } from "../../../scripts/lib/zip";
import { readZip, UnzipError } from "../../../scripts/bench/unzip";

describe("readZip", () => {
  it("reads back every entry the build's zip writer stored", () => {
    const entries = [
      { name: "index.mjs", data: Buffer.from("export const handler = async () => 'ok';\n".repeat(50)) },
      { name: "lib/data.json", data: Buffer.from('{"a":1}') },
    ];
    const read = readZip(createZip(entries));
    expect(read.map((entry) => [entry.name, Buffer.from(entry.data).toString("utf8")])).toEqual(
      entries.map((entry) => [entry.name, entry.data.toString("utf8")]),
    );
  });

  it("refuses bytes that are not a zip", () => {
    expect(() => readZip(Buffer.from("not a zip at all"))).toThrow(UnzipError);
  });
});
