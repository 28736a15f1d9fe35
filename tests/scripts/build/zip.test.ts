import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createZip, readZip, type ZipEntry } from "../../../scripts/build/zip";

const ENTRIES: ZipEntry[] = [
  { name: "z-last.txt", data: Buffer.from("last\n") },
  { name: "index.mjs", data: Buffer.from("export const handler = async () => 'ünïcode ✓';\n".repeat(50)) },
  { name: "lib/empty.json", data: new Uint8Array(0) },
  { name: "Upper.txt", data: Buffer.from("upper case sorts before lower case in byte order\n") },
];

describe("createZip", () => {
  let dir: string;
  let zipPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "zip-"));
    zipPath = join(dir, "archive.zip");
    writeFileSync(zipPath, await createZip(ENTRIES));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes an archive that unzip tests without errors", () => {
    expect(execFileSync("unzip", ["-t", zipPath], { encoding: "utf8" })).toContain("No errors detected");
  });

  it("stores every entry's bytes unchanged", () => {
    for (const entry of ENTRIES) {
      const extracted = execFileSync("unzip", ["-p", zipPath, entry.name]);
      expect(Buffer.compare(extracted, Buffer.from(entry.data))).toBe(0);
    }
  });

  it("sorts entries by name and gives each the fixed timestamp, mode and creator", () => {
    // zipinfo -T: decimal timestamps (yyyymmdd.hhmmss); one line per entry between two header lines and a total.
    const lines = execFileSync("zipinfo", ["-T", zipPath], { encoding: "utf8" }).trim().split("\n").slice(2, -1);
    expect(lines.map((line) => line.split(/\s+/).at(-1))).toEqual(["Upper.txt", "index.mjs", "lib/empty.json", "z-last.txt"]);
    for (const line of lines) {
      const [mode, version, system] = line.split(/\s+/);
      expect({ mode, version, system, timestamp: line.includes(" 19800101.000000 ") }).toEqual({
        mode: "-rw-r--r--",
        // yazl records the spec version it follows (6.3) as the creator's.
        version: "6.3",
        system: "unx",
        timestamp: true,
      });
    }
  });

  it("writes no extra fields, which would carry timestamps or owner ids", () => {
    const details = execFileSync("zipinfo", ["-v", zipPath], { encoding: "utf8" });
    const extraFieldLengths = [...details.matchAll(/length of extra field:\s+(\d+) bytes/g)].map((match) => match[1]);
    expect(extraFieldLengths).toEqual(["0", "0", "0", "0"]);
  });

  it("gives the same bytes whatever the order of the entries, at any time of day", async () => {
    const first = await createZip(ENTRIES);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(Buffer.compare(await createZip([...ENTRIES].reverse()), first)).toBe(0);
  });

  it.each([
    ["an absolute path", [{ name: "/etc/passwd", data: new Uint8Array(1) }], /absolute path: \/etc\/passwd/],
    ["a parent segment", [{ name: "lib/../../x", data: new Uint8Array(1) }], /invalid relative path: lib\/..\/..\/x/],
  ])("rejects %s, naming the entry", async (_case, entries, message) => {
    await expect(createZip(entries as ZipEntry[])).rejects.toThrow(message);
  });
});

describe("readZip", () => {
  it("reads back every entry of a zip createZip wrote, in name order", async () => {
    const entries = await readZip(await createZip(ENTRIES));
    expect(entries.map((entry) => entry.name)).toEqual(["Upper.txt", "index.mjs", "lib/empty.json", "z-last.txt"]);
    for (const entry of entries) expect(Buffer.from(entry.data)).toEqual(Buffer.from(ENTRIES.find((original) => original.name === entry.name)!.data));
  });

  it("refuses bytes that are not a zip", async () => {
    await expect(readZip(Buffer.from("not a zip"))).rejects.toThrow(/End of central directory/);
  });
});
