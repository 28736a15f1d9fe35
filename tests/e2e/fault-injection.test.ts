/**
 * 200 uploads through the processor in the local stack while a fault proxy fails a share of the
 * functions' S3 and DynamoDB requests (S3's 500 and SlowDown, DynamoDB's throttling and 500,
 * connection resets before and after the service handled the request). The SDK's own retries are
 * off (AWS_MAX_ATTEMPTS=1), so the faults reach Lambda's level: the stack's async retries, then its
 * failure queue. Afterwards every upload is ready or has its record in the queue, none is lost or
 * doubled; `npm run redrive -- --local` with the faults off makes the rest ready, and a second run
 * changes nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import sharp from "sharp";
import { createApiClient, type ApiClient } from "../../client/api";
import { login } from "../../client/cognito";
import { KEY_PREFIX, VARIANTS } from "../../functions/shared/contract";
import { objectKey, variantKey } from "../../functions/shared/keys";
import { EMULATOR_CLIENT_CONFIG } from "../../scripts/local/emulators";
import type { ProxiedRequest, ProxiedService, RequestFate } from "../../scripts/local/fault-proxy";
import { parseInvocationRecord, type InvocationRecord } from "../../scripts/local/invocation-record";
import { LocalFailureQueue, failureQueueDirectory } from "../../scripts/local/local-failure-queue";
import { startLocalStack, type LocalStack } from "../../scripts/local/local-stack";
import { networkPolicy } from "../../scripts/local/network-faults";
import { describeNotification } from "../../scripts/local/s3-notifications";
import { captureLogs, type LogCapture } from "../helpers/log-capture";
import { runScript } from "../helpers/script-process";

const UPLOADS = 200;
/** With the SDK's retries off, about half the first attempts fail and a sixth of the uploads use up all three. */
const FAULT_SHARE = 0.12;
const EVENT_ID = "demo-event";

let dataDir: string;
let local: LocalStack;
let api: ApiClient;
let s3: S3Client;
let documents: DynamoDBDocumentClient;
let logs: LogCapture | undefined;
const stackLog: string[] = [];
let faultsOn = false;
/** Faults injected, by service and kind (the error code, or the reset). */
const injected: Record<ProxiedService, Map<string, number>> = { s3: new Map(), dynamodb: new Map() };
const faults = networkPolicy({ faultShare: FAULT_SHARE });
const policy = (request: ProxiedRequest): RequestFate => {
  if (!faultsOn) return { kind: "forward" };
  const fate = faults(request);
  if (fate.kind !== "forward") {
    const label = fate.kind === "error" ? fate.error.code : `reset ${fate.when}`;
    injected[request.service].set(label, (injected[request.service].get(label) ?? 0) + 1);
  }
  return fate;
};

beforeAll(async () => {
  // The processor logs a line per record and per failure (Powertools writes to stdout itself); the stack's lines are kept below.
  logs = captureLogs();
  // The SDK reads it on its first request: the functions' clients (and this file's) make one attempt per call.
  process.env.AWS_MAX_ATTEMPTS = "1";
  dataDir = mkdtempSync(join(tmpdir(), "fault-injection-"));
  local = await startLocalStack({ dataDir, port: 0, notificationRetryDelaysMs: [50, 100], functionNetwork: policy, log: (line) => stackLog.push(line) });
  const { stack } = local;
  const attendee = stack.users.find((user) => user.attendeeOf.includes(EVENT_ID) && user.organizerOf.length === 0)!;
  const tokens = await login({ region: EMULATOR_CLIENT_CONFIG.region, cognitoEndpoint: stack.auth.cognitoEndpoint, clientId: stack.auth.clientId, username: attendee.username, password: attendee.password });
  api = createApiClient({ apiUrl: stack.apiUrl, token: () => tokens.idToken });
  s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.s3.endpoint, forcePathStyle: true });
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.dynamodb.endpoint }));
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  documents?.destroy();
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  delete process.env.AWS_MAX_ATTEMPTS;
  logs?.stop();
});

/** Runs `task` on every item, `limit` at a time. */
async function eachLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index] as T);
      }
    }),
  );
  return results;
}

interface Accounting {
  /** Photo ids with a photo item. */
  readonly ready: Set<string>;
  readonly photoItems: number;
  readonly intentStatuses: Map<string, string>;
  readonly variantKeys: Set<string>;
  /** Photo ids with a record in the failure queue, and the records. */
  readonly queued: Map<string, InvocationRecord[]>;
}

async function account(): Promise<Accounting> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: local.stack.dynamodb.table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const photoItems = items.filter((item) => String(item.sk).startsWith(KEY_PREFIX.photo));
  const intents = items.filter((item) => String(item.sk).startsWith(KEY_PREFIX.upload));

  const variantKeys = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: local.stack.s3.bucket, Prefix: "photos/", ContinuationToken: token }));
    for (const object of page.Contents ?? []) variantKeys.add(object.Key ?? "");
    token = page.NextContinuationToken;
  } while (token);

  const queued = new Map<string, InvocationRecord[]>();
  const queue = new LocalFailureQueue(failureQueueDirectory(dataDir, "process-upload"));
  for (let batch = await queue.receive(); batch.length > 0; batch = await queue.receive()) {
    for (const message of batch) {
      const parsed = parseInvocationRecord(message.body);
      if ("problem" in parsed) throw new Error(`message ${message.id}: ${parsed.problem}`);
      const photoId = /\/([^/.]+)\.png$/.exec(describeNotification(parsed.record.requestPayload))?.[1] ?? "";
      queued.set(photoId, [...(queued.get(photoId) ?? []), parsed.record]);
    }
  }
  return {
    ready: new Set(photoItems.map((item) => String(item.sk).slice(KEY_PREFIX.photo.length))),
    photoItems: photoItems.length,
    intentStatuses: new Map(intents.map((item) => [String(item.sk).slice(KEY_PREFIX.upload.length), String(item.status)])),
    variantKeys,
    queued,
  };
}

const redrive = () => runScript("scripts/redrive/redrive.ts", ["--local", "--data-dir", dataDir]);

const bothVariantsOf = (photoId: string, variantKeys: Set<string>) =>
  (Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]).every((variant) => variantKeys.has(variantKey(EVENT_ID, photoId, variant)));

test("every upload ends ready or in the failure queue with its record, none lost or doubled; the redrive makes the rest ready", async () => {
  const image = await sharp({ create: { width: 24, height: 16, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
  const photoIds = await eachLimited([...Array(UPLOADS).keys()], 8, async (n) => {
    const upload = await api.initiateUpload(EVENT_ID, { title: `Photo ${n}`, contentType: "image/png", contentLength: image.length });
    return upload.photoId;
  });

  faultsOn = true;
  // The bytes go straight to the S3 front, as a client's PUT does; only the functions' requests meet faults.
  await eachLimited(photoIds, 16, (photoId) =>
    s3.send(new PutObjectCommand({ Bucket: local.stack.s3.bucket, Key: objectKey(EVENT_ID, photoId, "image/png"), Body: image, ContentType: "image/png", ContentLength: image.length })),
  );
  await local.notificationsIdle();
  faultsOn = false;

  // Faults of every kind reached both services.
  for (const service of ["s3", "dynamodb"] as const) {
    expect([...injected[service].keys()].sort()).toEqual(
      service === "s3"
        ? ["InternalError", "SlowDown", "reset after-upstream", "reset before-upstream"]
        : ["InternalServerError", "ProvisionedThroughputExceededException", "ThrottlingException", "reset after-upstream", "reset before-upstream"],
    );
  }

  const during = await account();
  // Nothing lost: each upload is ready, or its event waits in the queue (both when an attempt failed after publishing).
  for (const photoId of photoIds) expect(during.ready.has(photoId) || during.queued.has(photoId)).toBe(true);
  // Nothing doubled or invented: one photo item per ready upload, each with both variants, one record per queued event.
  expect(during.photoItems).toBe(during.ready.size);
  expect([...during.ready].every((photoId) => photoIds.includes(photoId) && bothVariantsOf(photoId, during.variantKeys))).toBe(true);
  expect([...during.queued.values()].every((records) => records.length === 1)).toBe(true);
  // A transient fault never rejects an upload: the ones not ready are still pending.
  expect([...during.intentStatuses.values()].every((status) => status === "pending")).toBe(true);
  expect(during.intentStatuses.size).toBe(UPLOADS);
  for (const [, [record]] of during.queued) {
    expect(record).toMatchObject({
      requestContext: { functionArn: "arn:aws:lambda:us-east-1:000000000000:function:process-upload:$LATEST", condition: "RetriesExhausted", approximateInvokeCount: 3 },
      responseContext: { functionError: "Unhandled" },
      responsePayload: { errorType: "UploadBatchError" },
    });
  }

  // Lambda's retries did work (uploads that failed an attempt and ended ready), and the queue too.
  const retried = new Set([...stackLog.join("\n").matchAll(/process-upload failed for uploads\/[^/]+\/([^.]+)\.png \(attempt \d\), retrying/g)].map((match) => match[1]));
  const rescued = [...retried].filter((photoId) => photoId !== undefined && during.ready.has(photoId) && !during.queued.has(photoId));
  expect(rescued.length).toBeGreaterThan(10);
  expect(during.queued.size).toBeGreaterThan(2);
  expect(during.ready.size).toBeLessThan(UPLOADS);

  const first = await redrive();
  expect(first).toMatchObject({ code: 0, stderr: "" });
  expect(first.stdout.match(/^re-drove uploads\//gm)).toHaveLength(during.queued.size);
  await local.notificationsIdle();

  const after = await account();
  expect(after.ready).toEqual(new Set(photoIds));
  expect(after.photoItems).toBe(UPLOADS);
  expect(photoIds.every((photoId) => bothVariantsOf(photoId, after.variantKeys))).toBe(true);
  expect(after.variantKeys.size).toBe(UPLOADS * Object.keys(VARIANTS).length);
  expect(after.queued.size).toBe(0);
  // Through the API: every upload listed once.
  const listed: string[] = [];
  for (let cursor: string | undefined, page; (page = await api.listPhotos(EVENT_ID, { limit: 100, cursor })); cursor = page.nextCursor ?? undefined) {
    listed.push(...page.photos.map((photo) => photo.id));
    if (!page.nextCursor) break;
  }
  expect(listed.sort()).toEqual([...photoIds].sort());

  const second = await redrive();
  expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining("Nothing to re-drive") });
  expect((await account()).photoItems).toBe(UPLOADS);
}, 60_000);
