/**
 * The writes cognito-local's store makes, made atomic: overlapping saves land whole and in order,
 * a process killed mid-write leaves a whole file, and files elsewhere are written as before.
 */
import { spawn } from "node:child_process";
import fs, { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeWritesAtomic } from "../../../scripts/local/atomic-writes";

const REPO = join(__dirname, "..", "..", "..");

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "atomic-writes-"));
  mkdirSync(join(root, "db"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A JSON document of about `kilobytes` KiB, like a user pool file. */
const document = (label: string, kilobytes: number) => JSON.stringify({ label, users: "x".repeat(kilobytes * 1024) });

/** A stand-in for the fs module, so the test process's own fs stays as it is. */
function host() {
  return { writeFile: fs.writeFile } as { writeFile: typeof fs.writeFile };
}

test("overlapping writes of one file land whole, in the order they were made, with no temporary file left", async () => {
  const target = host();
  const writes = makeWritesAtomic(target, join(root, "db"));
  const file = join(root, "db", "pool.json");
  const order: string[] = [];
  const saves = [document("long", 4096), document("short", 1), document("medium", 64)].map(
    (data) => new Promise<void>((resolve, reject) => target.writeFile(file, data, (error) => (error ? reject(error) : (order.push(JSON.parse(data).label), resolve())))),
  );
  await Promise.all(saves);
  await writes.idle();
  expect(order).toEqual(["long", "short", "medium"]);
  expect(JSON.parse(readFileSync(file, "utf8")).label).toBe("medium");
  expect(readdirSync(join(root, "db"))).toEqual(["pool.json"]);
});

test("passes writes outside the directory, and their errors, through unchanged", async () => {
  const target = host();
  makeWritesAtomic(target, join(root, "db"));
  const outside = join(root, "outside.json");
  await new Promise<void>((resolve, reject) => target.writeFile(outside, "{}", "utf8", (error) => (error ? reject(error) : resolve())));
  expect(readFileSync(outside, "utf8")).toBe("{}");
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => target.writeFile(join(root, "db", "missing", "x.json"), "{}", resolve));
  expect(error?.code).toBe("ENOENT");
  expect(readdirSync(join(root, "db"))).toEqual([]);
});

test("a process killed while it saves leaves a whole file every time", async () => {
  const file = join(root, "db", "pool.json");
  // Saves as StormDB does: each save starts without waiting for the last, long and short in turn.
  const script = `
    const fs = require("node:fs");
    require(${JSON.stringify(join(REPO, "scripts", "local", "atomic-writes.ts"))}).makeWritesAtomic(fs, ${JSON.stringify(join(root, "db"))});
    const long = JSON.stringify({ users: "x".repeat(8 << 20) }), short = JSON.stringify({ users: "y" });
    fs.writeFileSync(${JSON.stringify(file)}, short);
    let n = 0;
    setInterval(() => fs.writeFile(${JSON.stringify(file)}, n++ % 2 ? short : long, () => {}), 1);
    process.stdout.write("saving\\n");
  `;
  for (const delayMs of [20, 60, 120, 200]) {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => child.stdout.once("data", resolve));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
  }
});
