import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

// The zips are byte-identical only with the same Node (its zlib builds them), so CI uses one exact version.
test(".nvmrc pins an exact Node version within package.json's engines", () => {
  const pinned = readFileSync(join(root, ".nvmrc"), "utf8").trim();
  expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  const engines = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).engines.node as string;
  const [, minimum] = /^>=(\d+\.\d+)/.exec(engines) ?? [];
  const [major, minor] = pinned.split(".").map(Number);
  const [minMajor, minMinor] = (minimum ?? "").split(".").map(Number);
  expect(major! > minMajor! || (major === minMajor && minor! >= minMinor!)).toBe(true);
});
