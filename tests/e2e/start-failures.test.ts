/** Start-up failures of `npm start` name the cause and the fix, exit non-zero and leave no process behind. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "../../scripts/local/ports";
import { cognitoLocalPids, spawnStack } from "../helpers/local-stack-process";

jest.setTimeout(60_000);

describe("npm start failures", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "local-stack-failure-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The one line start.ts prints on stderr when it gives up. */
  const failureLine = (output: string) => output.split("\n").filter((line) => line.startsWith("npm start failed:"));

  it("refuses an API port in use, saying how to pick another", async () => {
    const port = await findFreePort();
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    try {
      const stack = spawnStack(dataDir, port);
      expect(await stack.exited).toBe(1);
      expect(failureLine(stack.output())).toEqual([expect.stringMatching(new RegExp(`port ${port} .*in use.*set PORT to a free port`))]);
    } finally {
      holder.close();
    }
  });

  it("reports cognito-local dying on damaged data, suggests --fresh, and leaves nothing running", async () => {
    mkdirSync(join(dataDir, "cognito", ".cognito"), { recursive: true });
    writeFileSync(join(dataDir, "cognito", ".cognito", "config.json"), "{damaged");
    const stack = spawnStack(dataDir, await findFreePort());
    expect(await stack.exited).toBe(1);
    expect(failureLine(stack.output())).toEqual([expect.stringMatching(/cognito-local exited with code 1 before it was ready.*--fresh/)]);
    expect(cognitoLocalPids(dataDir)).toEqual([]);
  });

  it.each(["1.5", "many"])("refuses --faults %p before starting anything, saying what it takes", async (share) => {
    const stack = spawnStack(dataDir, await findFreePort(), ["--faults", share]);
    expect(await stack.exited).toBe(1);
    expect(failureLine(stack.output())).toEqual([`npm start failed: --faults is "${share}"; set the share of failed requests between 0 and 1, e.g. --faults 0.1`]);
    expect(cognitoLocalPids(dataDir)).toEqual([]);
  });

  it("starts empty with --fresh over the same damaged data", async () => {
    mkdirSync(join(dataDir, "cognito", ".cognito"), { recursive: true });
    writeFileSync(join(dataDir, "cognito", ".cognito", "config.json"), "{damaged");
    const stack = spawnStack(dataDir, await findFreePort(), ["--fresh"]);
    await expect(stack.ready).resolves.toMatch(/^Local stack ready: API http:\/\/127\.0\.0\.1:\d+/);
    stack.child.kill("SIGINT");
    expect(await stack.exited).toBe(0);
    expect(cognitoLocalPids(dataDir)).toEqual([]);
  });
});
