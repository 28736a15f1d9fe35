/** `npm run organizer` against the local stack, as an organizer would run it. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emailsOfCsv } from "../../../scripts/cli/organizer";
import { startLocalStack, type LocalStack } from "../../../scripts/local/local-stack";
import { captureLogs, type LogCapture } from "../../helpers/log-capture";

const REPO = join(__dirname, "..", "..", "..");

test.each([
  ["a header with an email column", "name,email\nAda,ada@example.com\nGrace , GRACE@example.com \n", ["ada@example.com", "GRACE@example.com"]],
  ["one address per line", "ada@example.com\n\nlinus@example.com\nada@example.com\n", ["ada@example.com", "linus@example.com"]],
  ["quoted fields", '"email","note"\n"ada@example.com","says ""hi"", twice"\n', ["ada@example.com"]],
])("reads the addresses of a CSV with %s", (_case, csv, emails) => {
  expect(emailsOfCsv(csv)).toEqual(emails);
});

describe("npm run organizer", () => {
  let dataDir: string;
  let local: LocalStack;
  /** The functions' log lines and metrics, kept off the test output. */
  let logs: LogCapture;

  beforeAll(async () => {
    logs = captureLogs();
    dataDir = mkdtempSync(join(tmpdir(), "organizer-cli-"));
    local = await startLocalStack({ dataDir, port: 0, log: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await local?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    logs.stop();
  });

  function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli/organizer.ts", ...args, "--stack-file", local.stackFilePath], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
  }

  test("creates an event, registers a CSV of emails and lists the attendees", async () => {
    const created = await run("create-event", "cli-event", "--name", "From the CLI", "--visibility", "attendees");
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining('event cli-event "From the CLI" (attendees); you are its organizer') });

    const visitor = local.stack.users.find((user) => user.attendeeOf.length === 0)!;
    const csv = join(dataDir, "attendees.csv");
    writeFileSync(csv, `name,email\nVisitor,${visitor.username}\nNobody,nobody@example.com\n`);
    const registered = await run("register", "cli-event", "--csv", csv);
    expect(registered).toMatchObject({ code: 0, stdout: expect.stringContaining("1 registered for cli-event; 1 not found: nobody@example.com") });

    const listed = await run("attendees", "cli-event");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${visitor.username}\t`);
  }, 60_000);

  test("says what is wrong with a bad command or value", async () => {
    expect(await run("delete-everything", "cli-event")).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown command "delete-everything"') });
    expect(await run("create-event", "cli-event", "--name", "x", "--visibility", "public")).toMatchObject({ code: 1, stderr: expect.stringContaining('--visibility is "public"') });
    expect(await run("register", "cli-event")).toMatchObject({ code: 1, stderr: expect.stringContaining("--csv is missing") });
  }, 60_000);
});
