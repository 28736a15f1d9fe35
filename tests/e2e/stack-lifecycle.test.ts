/**
 * How `npm start` ends (DESIGN section 6): SIGINT and SIGTERM to npm, to the node process it runs,
 * or to the whole process group stop every process and free every port within seconds, print one
 * "stopped" line and remove the stack file; so does the end of the parent, and a signal during the
 * start. The signal cases share one data directory, so each is also a restart on data the previous
 * stop left (cognito-local once failed to load its files after a SIGTERM). A killed stack leaves
 * its stack file, and clients that read it say that the stack is not running.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acceptsConnections, findFreePort } from "../../scripts/local/ports";
import { readStackFile, type StackFile } from "../../scripts/local/stack-file";
import { childPids, isRunning, cognitoLocalPids, spawnNpmStart, spawnStack, waitFor, type StackProcess } from "../helpers/local-stack-process";

jest.setTimeout(90_000);

const REPO = join(__dirname, "..", "..");
/** "Within a few seconds": from the signal until the last process is gone. */
const STOP_WITHIN_MS = 5000;

let dataDir: string;
/** Every stack a test started: one a failed test left running is killed, so it cannot hold the run open. */
const started: StackProcess[] = [];
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "stack-lifecycle-"));
});
afterEach(() => {
  for (const stack of started.splice(0)) {
    if (stack.child.exitCode === null && stack.child.signalCode === null) stack.child.kill("SIGKILL");
    for (const pid of childPids(stack.child.pid!)) process.kill(pid, "SIGKILL");
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function track(stack: StackProcess): StackProcess {
  started.push(stack);
  return stack;
}

const endpoints = (stack: StackFile) => [stack.apiUrl, stack.webUrl, stack.auth.cognitoEndpoint, stack.s3.endpoint, stack.dynamodb.endpoint];
const stoppedLines = (output: string) => output.split("\n").filter((line) => /^Local stack stopped\b/.test(line));

interface RunningStack {
  readonly process: StackProcess;
  readonly stack: StackFile;
  /** The node process running start.ts. */
  readonly nodePid: number;
  readonly cognitoPid: number;
}

async function startWithNpm(): Promise<RunningStack> {
  const npm = track(spawnNpmStart(dataDir, await findFreePort()));
  await npm.ready;
  // The script execs node, so npm's only child is the node process itself (no shell between).
  const [nodePid, ...others] = childPids(npm.child.pid!);
  expect(others).toEqual([]);
  const [cognitoPid] = cognitoLocalPids(dataDir);
  expect(childPids(nodePid!)).toContain(cognitoPid);
  return { process: npm, stack: readStackFile(join(dataDir, "stack.json")), nodePid: nodePid!, cognitoPid: cognitoPid! };
}

/** Every process gone, every port free, the stack file removed, one stopped line naming `reason`. */
async function expectStopped(running: RunningStack, reason: string): Promise<void> {
  const since = Date.now();
  await waitFor("npm, node and cognito-local to end", () => ![running.process.child.pid!, running.nodePid, running.cognitoPid].some(isRunning), STOP_WITHIN_MS);
  expect(Date.now() - since).toBeLessThan(STOP_WITHIN_MS);
  for (const url of endpoints(running.stack)) expect({ url, answers: await acceptsConnections(url) }).toEqual({ url, answers: false });
  expect(existsSync(join(dataDir, "stack.json"))).toBe(false);
  expect(stoppedLines(running.process.output())).toEqual([`Local stack stopped (${reason})`]);
  expect(running.process.output()).not.toMatch(/npm start failed|ERR!/);
}

describe.each(["SIGINT", "SIGTERM"] as const)("%s", (signal) => {
  test.each([
    ["to the npm process", (running: RunningStack) => process.kill(running.process.child.pid!, signal)],
    ["to the node process", (running: RunningStack) => process.kill(running.nodePid, signal)],
    ["to the process group", (running: RunningStack) => process.kill(-running.process.child.pid!, signal)],
  ])("%s stops everything and npm exits 0", async (_, send) => {
    const running = await startWithNpm();
    send(running);
    expect(await running.process.exited).toBe(0);
    await expectStopped(running, signal);
  });
});

test("the end of its parent stops it", async () => {
  const running = await startWithNpm();
  process.kill(running.process.child.pid!, "SIGKILL");
  await expectStopped(running, "its parent process exited");
});

test("a signal during the start stops what has started, without a failure", async () => {
  const starting = track(spawnStack(dataDir, await findFreePort()));
  await waitFor("cognito-local to start", () => starting.output().includes("Starting cognito-local"));
  process.kill(starting.child.pid!, "SIGTERM");
  expect(await starting.exited).toBe(0);
  expect(stoppedLines(starting.output())).toEqual(["Local stack stopped (SIGTERM)"]);
  expect(starting.output()).not.toMatch(/ready|failed/);
  await waitFor("cognito-local to end", () => cognitoLocalPids(dataDir).length === 0, STOP_WITHIN_MS);
  expect(existsSync(join(dataDir, "stack.json"))).toBe(false);
});

test("refuses a second stack on the same data directory while the first runs", async () => {
  const first = await startWithNpm();
  const second = track(spawnStack(dataDir, await findFreePort()));
  expect(await second.exited).toBe(1);
  expect(second.output()).toContain(`npm start failed: a local stack is already running with data in ${dataDir} (API ${first.stack.apiUrl}); stop it first, or start this one with another --data-dir`);
  expect(await acceptsConnections(first.stack.apiUrl)).toBe(true);
  process.kill(first.process.child.pid!, "SIGTERM");
  await expectStopped(first, "SIGTERM");
});

describe("a killed stack", () => {
  let killed: RunningStack;
  beforeAll(async () => {
    killed = await startWithNpm();
    process.kill(killed.nodePid, "SIGKILL");
    await killed.process.exited;
  });

  test("takes cognito-local with it and frees every port, but leaves its stack file", async () => {
    await waitFor("cognito-local to notice", () => !isRunning(killed.cognitoPid), STOP_WITHIN_MS);
    for (const url of endpoints(killed.stack)) expect(await acceptsConnections(url)).toBe(false);
    expect(readStackFile(join(dataDir, "stack.json"))).toEqual(killed.stack);
  });

  test("the upload CLI reading that file says the stack is not running", async () => {
    const image = join(dataDir, "photo.png");
    writeFileSync(image, "not read");
    const upload = spawn(process.execPath, ["--import", "tsx", "scripts/cli/upload.ts", image, "--event", "demo-event", "--title", "t"], {
      cwd: REPO,
      env: { ...process.env, PHOTOS_STACK_FILE: join(dataDir, "stack.json") },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    upload.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    expect(await new Promise((resolve) => upload.once("exit", resolve))).toBe(1);
    expect(stderr.trim()).toBe(
      `upload failed: the local stack is not running: ${join(dataDir, "stack.json")} names ${endpoints(killed.stack).join(", ")}, where nothing answers; start it with \`npm start\``,
    );
  });

  test("a restart over the stale file starts normally", async () => {
    const restarted = await startWithNpm();
    process.kill(-restarted.process.child.pid!, "SIGTERM");
    await expectStopped(restarted, "SIGTERM");
  });
});
