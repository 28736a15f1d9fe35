import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ZipEntryNameError, createZip, type ZipEntry } from "../../scripts/lib/zip";

const ENTRIES: ZipEntry[] = [
  { name: "z-last.txt", data: Buffer.from("last\n") },
  { name: "index.mjs", data: Buffer.from("export const handler = async () => 'ünïcode ✓';\n".repeat(50)) },
  { name: "lib/empty.json", data: new Uint8Array(0) },
  { name: "Upper.txt", data: Buffer.from("upper case sorts before lower case in byte order\n") },
];

describe("createZip", () => {
  let dir: string;
  let zipPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "zip-"));
    zipPath = join(dir, "archive.zip");
    writeFileSync(zipPath, createZip(ENTRIES));
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
        version: "2.0",
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

  it("gives the same bytes whatever the order of the entries", () => {
    expect(Buffer.compare(createZip([...ENTRIES].reverse()), createZip(ENTRIES))).toBe(0);
  });

  it.each([
    ["a duplicate name", [ENTRIES[0], ENTRIES[0]], /"z-last.txt" appears twice/],
    ["an absolute path", [{ name: "/etc/passwd", data: new Uint8Array(1) }], /"\/etc\/passwd" is not a relative path/],
    ["a parent segment", [{ name: "lib/../../x", data: new Uint8Array(1) }], /"lib\/..\/..\/x" is not a relative path/],
    ["a backslash", [{ name: "lib\\x.js", data: new Uint8Array(1) }], /is not a relative path with forward slashes/],
  ])("rejects %s, naming the entry", (_case, entries, message) => {
    expect(() => createZip(entries as ZipEntry[])).toThrow(ZipEntryNameError);
    expect(() => createZip(entries as ZipEntry[])).toThrow(message);
  });
});
