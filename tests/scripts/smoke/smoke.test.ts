/** scripts/smoke/smoke.ts run as `npm run smoke` runs it, against the local stack (started once for the file). */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMULATOR_CLIENT_CONFIG } from "../../../scripts/local/emulators";
import { SMOKE_ENV } from "../../../scripts/smoke/smoke-config";
import { SMOKE_STEPS } from "../../../scripts/smoke/smoke-test";
import { startLocalStack, type LocalStack } from "../../../scripts/local/local-stack";
import { findFreePort } from "../../../scripts/local/ports";
import { captureLogs, type LogCapture } from "../../helpers/log-capture";

const REPO = join(__dirname, "..", "..", "..");

let dataDir: string;
let local: LocalStack;
let stackEnv: Record<string, string>;
/** The functions' log lines, kept off the test output. */
let logs: LogCapture;

beforeAll(async () => {
  logs = captureLogs();
  dataDir = mkdtempSync(join(tmpdir(), "smoke-stack-"));
  local = await startLocalStack({ dataDir, port: 0, log: () => undefined });
  const { stack } = local;
  const attendee = stack.users.find((user) => user.attendeeOf.length > 0);
  if (!attendee) throw new Error("the local stack seeded no attendee");
  stackEnv = {
    [SMOKE_ENV.apiUrl]: stack.apiUrl,
    [SMOKE_ENV.region]: EMULATOR_CLIENT_CONFIG.region,
    [SMOKE_ENV.clientId]: stack.auth.clientId,
    [SMOKE_ENV.cognitoEndpoint]: stack.auth.cognitoEndpoint,
    [SMOKE_ENV.username]: attendee.username,
    [SMOKE_ENV.password]: attendee.password,
    [SMOKE_ENV.eventId]: attendee.attendeeOf[0] ?? "",
  };
}, 120_000);

afterAll(async () => {
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  logs.stop();
});

interface SmokeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the script in a child process with only the given SMOKE_* variables. */
function runSmoke(env: Record<string, string>): Promise<SmokeRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("SMOKE_")));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/smoke/smoke.ts"], { cwd: REPO, env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

test("makes the whole round trip and prints a line per step", async () => {
  const run = await runSmoke(stackEnv);
  expect(run.stderr).not.toContain("FAILED");
  expect(run.code).toBe(0);
  const steps = [...run.stdout.matchAll(/^ok {3}(.+?):/gm)].map((match) => match[1]);
  expect(steps).toEqual(Object.values(SMOKE_STEPS));
  expect(run.stdout).toMatch(/^Smoke test passed: photo \S+$/m);
});

test("fails at the login step on a wrong password, and goes no further", async () => {
  const run = await runSmoke({ ...stackEnv, [SMOKE_ENV.password]: "Wrong-password-1!" });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^Smoke test FAILED: SmokeError: log in failed: sign-in of \S+ failed/m);
  expect(run.stdout).not.toContain("ok   ");
});

test("fails at the initiate step when the API is unreachable, saying why", async () => {
  const run = await runSmoke({ ...stackEnv, [SMOKE_ENV.apiUrl]: `http://127.0.0.1:${await findFreePort()}` });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`ok   ${SMOKE_STEPS.login}`);
  expect(run.stderr).toMatch(/initiate upload failed: .*ECONNREFUSED/);
});
