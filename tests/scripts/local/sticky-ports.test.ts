import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stickyPorts } from "../../../scripts/local/sticky-ports";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sticky-ports-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("a restart gets the ports of the last start", async () => {
  const first = stickyPorts(dir);
  const ports = { s3: await first.port("s3"), cognito: await first.port("cognito") };
  first.save();
  const second = stickyPorts(dir);
  expect({ s3: await second.port("s3"), cognito: await second.port("cognito") }).toEqual(ports);
});

test("a port another process took since is replaced by a free one", async () => {
  const first = stickyPorts(dir);
  const taken = await first.port("photos");
  first.save();
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(taken, "127.0.0.1", resolve));
  try {
    const other = await stickyPorts(dir).port("photos");
    expect(other).not.toBe(taken);
    expect(other).toBeGreaterThan(0);
  } finally {
    holder.close();
  }
});

test("a damaged file means free ports, found again", async () => {
  writeFileSync(join(dir, "ports.json"), "{not json");
  expect(await stickyPorts(dir).port("s3")).toBeGreaterThan(0);
});
