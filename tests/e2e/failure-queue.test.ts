/**
 * The local failure queue end to end, with `npm start` as a child process: with every request of
 * the functions failing (`--faults 1`), an upload's event uses up its retries and is kept in the
 * data directory as Lambda's invocation record; the record survives a restart; `npm run redrive --
 * --local` needs a running stack, then re-drives the event into the restarted stack, where the
 * upload becomes ready; a second run finds nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import sharp from "sharp";
import { DynamoPhotoStore } from "../../functions/shared/dynamodb-photo-store";
import { objectKey } from "../../functions/shared/keys";
import { newPhotoId } from "../../functions/shared/photo-id";
import { EMULATOR_CLIENT_CONFIG } from "../../scripts/local/emulators";
import { parseInvocationRecord } from "../../scripts/local/invocation-record";
import { LocalFailureQueue, failureQueueDirectory } from "../../scripts/local/local-failure-queue";
import { findFreePort } from "../../scripts/local/ports";
import { readStackFile, type StackFile } from "../../scripts/local/stack-file";
import { spawnStack, type StackProcess } from "../helpers/local-stack-process";
import { runScript } from "../helpers/script-process";

jest.setTimeout(90_000);

const EVENT_ID = "demo-event";

let dataDir: string;
let running: StackProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "failure-queue-e2e-"));
});
afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(args: readonly string[] = [], env: Record<string, string> = {}): Promise<{ stack: StackFile; output: () => string }> {
  running = spawnStack(dataDir, await findFreePort(), args, env);
  await running.ready;
  return { stack: readStackFile(join(dataDir, "stack.json")), output: running.output };
}

async function stop(): Promise<void> {
  if (running && running.child.exitCode === null) {
    running.child.kill("SIGTERM");
    await running.exited;
  }
  running = undefined;
}

const redrive = () => runScript("scripts/redrive/redrive.ts", ["--local", "--data-dir", dataDir]);

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function storeOf(stack: StackFile) {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.dynamodb.endpoint }), { marshallOptions: { removeUndefinedValues: true } });
  return { store: new DynamoPhotoStore(documents, stack.dynamodb.table), close: () => documents.destroy() };
}

test("an event that failed every retry is kept across a restart and re-driven into the restarted stack", async () => {
  const queueDir = failureQueueDirectory(dataDir, "process-upload");
  // The SDK's own retries off, so each of the three attempts fails at once.
  const faulty = await start(["--faults", "1"], { AWS_MAX_ATTEMPTS: "1" });
  expect(faulty.output()).toContain("Fault injection: 100% of the functions' S3 and DynamoDB requests fail");

  // The intent and the bytes go straight to the emulators: only the functions' requests fail.
  const image = await sharp({ create: { width: 20, height: 10, channels: 3, background: { r: 10, g: 200, b: 30 } } }).png().toBuffer();
  const photoId = newPhotoId();
  const key = objectKey(EVENT_ID, photoId, "image/png");
  const seeding = storeOf(faulty.stack);
  await seeding.store.createIntent({
    eventId: EVENT_ID,
    photoId,
    objectKey: key,
    title: "Kept for later",
    description: "",
    contentType: "image/png",
    contentLength: image.length,
    uploadedBy: faulty.stack.users[0]!.username,
    createdAt: new Date().toISOString(),
    status: "pending",
    expiresAtEpoch: Math.floor(Date.now() / 1000) + 3600,
  });
  seeding.close();
  const s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: faulty.stack.s3.endpoint, forcePathStyle: true });
  await s3.send(new PutObjectCommand({ Bucket: faulty.stack.s3.bucket, Key: key, Body: image, ContentType: "image/png", ContentLength: image.length }));
  s3.destroy();

  const [file] = await until("the failure record", async () => {
    const ids = await new LocalFailureQueue(queueDir).messageIds();
    return ids.length > 0 ? ids.map((id) => join(queueDir, `${id}.json`)) : undefined;
  });
  const parsed = parseInvocationRecord(readFileSync(file!, "utf8"));
  expect(parsed).toMatchObject({
    record: {
      requestContext: { condition: "RetriesExhausted", approximateInvokeCount: 3, functionArn: expect.stringMatching(/:function:process-upload:\$LATEST$/) },
      requestPayload: { Records: [{ eventName: "ObjectCreated:Put", s3: { object: { key } } }] },
      responsePayload: { errorType: "UploadBatchError", errorMessage: expect.stringContaining(key) },
    },
  });
  expect(faulty.output()).toMatch(new RegExp(`process-upload failed for ${key} after 3 attempts, giving up: .*the event is kept in ${file!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));

  await stop();
  expect(existsSync(file!)).toBe(true);
  const notRunning = await redrive();
  expect(notRunning).toMatchObject({ code: 1, stderr: expect.stringContaining("redrive failed: the local stack is not running") });
  expect(existsSync(file!)).toBe(true);

  const healthy = await start();
  const first = await redrive();
  expect(first).toMatchObject({ code: 0, stderr: "" });
  expect(first.stdout).toContain("Re-driving");
  expect(first.stdout).toMatch(new RegExp(`^re-drove ${key} \\(message .+\\); it had failed 3 attempts: `, "m"));
  expect(first.stdout).toContain("1 re-driven, 0 left in");
  expect(existsSync(file!)).toBe(false);

  const reading = storeOf(healthy.stack);
  const photo = await until("the photo", async () => (await reading.store.getUpload(EVENT_ID, photoId)).photo);
  reading.close();
  expect(photo).toMatchObject({ photoId, title: "Kept for later", width: 20, height: 10 });

  const second = await redrive();
  expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining(`Nothing to re-drive: ${queueDir} is empty`) });
});

test("says to sign in when a stage's queue cannot be reached without AWS credentials", async () => {
  const noCredentials = {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_PROFILE: "no-such-profile",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  expect(await runScript("scripts/redrive/redrive.ts", ["--stage", "dev"], noCredentials)).toMatchObject({
    code: 1,
    stderr: expect.stringMatching(/^redrive failed: cannot reach SQS in eu-west-1: .+; sign in to the stage's AWS account first/m),
  });
});

test("says how to call it when neither or both of --stage and --local are given", async () => {
  for (const args of [[], ["--stage", "dev", "--local"]]) {
    expect(await runScript("scripts/redrive/redrive.ts", args)).toEqual({
      code: 1,
      stdout: "",
      stderr: "redrive failed: say which queue to re-drive: --stage <stage> for a deployed stage, or --local for the local stack (npm run redrive -- --help)\n",
    });
  }
});
