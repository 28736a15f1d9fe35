/**
 * The fault proxy with real SDK clients: in front of the SigV4-verifying S3 front (so a signature
 * over the proxy's host must still hold behind it) and in front of dynalite. Each fate is what the
 * SDK sees from AWS: the service's error code, a reset, a delay; SDK retries absorb what AWS's
 * would.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, GetItemCommand, InternalServerError, ProvisionedThroughputExceededException, PutItemCommand, ThrottlingException } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { EMULATOR_CLIENT_CONFIG, startEmulators, type Emulators } from "../../../scripts/local/emulators";
import { startFaultProxy, type ProxiedRequest, type RequestFate } from "../../../scripts/local/fault-proxy";
import { SERVICE_FAULTS } from "../../../scripts/local/network-faults";
import type { LoopbackService } from "../../../scripts/local/ports";
import { startS3Front } from "../../../scripts/local/s3-front";

let directory: string;
let emulators: Emulators;
let s3Front: LoopbackService;
const proxies: LoopbackService[] = [];
const seen: ProxiedRequest[] = [];
/** The fates the next requests get, in order; then every request is forwarded. */
let fates: RequestFate[] = [];
const policy = (request: ProxiedRequest): RequestFate => {
  seen.push(request);
  return fates.shift() ?? { kind: "forward" };
};
let s3: (maxAttempts: number) => S3Client;
let dynamodb: (maxAttempts: number) => DynamoDBClient;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "fault-proxy-"));
  emulators = await startEmulators({ s3Directory: directory });
  s3Front = await startS3Front({ upstream: emulators.s3Endpoint, region: EMULATOR_CLIENT_CONFIG.region, credentials: [EMULATOR_CLIENT_CONFIG.credentials], allowedOrigins: ["*"] });
  const s3Proxy = await startFaultProxy({ upstream: s3Front.url, service: "s3", policy });
  const dynamoProxy = await startFaultProxy({ upstream: emulators.dynamodbEndpoint, service: "dynamodb", policy });
  proxies.push(s3Proxy, dynamoProxy);
  s3 = (maxAttempts) => remember(new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: s3Proxy.url, forcePathStyle: true, maxAttempts }));
  dynamodb = (maxAttempts) => remember(new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: dynamoProxy.url, maxAttempts }));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([...proxies, s3Front].map((service) => service.stop()));
  await emulators.stop();
  await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  fates = [];
  seen.length = 0;
});

function remember<T extends { destroy(): void }>(client: T): T {
  clients.push(client);
  return client;
}

const direct = () => remember(new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.s3Endpoint, forcePathStyle: true }));
const put = (client: S3Client, key: string) => client.send(new PutObjectCommand({ Bucket: emulators.bucket, Key: key, Body: "bytes", ContentType: "text/plain" }));
const exists = (key: string) =>
  direct()
    .send(new HeadObjectCommand({ Bucket: emulators.bucket, Key: key }))
    .then(
      () => true,
      () => false,
    );
const item = (id: string) => ({ TableName: emulators.table, Item: { pk: { S: `TEST#${id}` }, sk: { S: "ITEM" } } });
const stored = async (id: string) => (await dynamodb(1).send(new GetItemCommand({ TableName: emulators.table, Key: item(id).Item }))).Item !== undefined;

describe("S3 through the proxy", () => {
  test("forwards signed requests with their host, so the S3 front still verifies them", async () => {
    await put(s3(1), "fault-proxy/forwarded");
    const read = await s3(1).send(new GetObjectCommand({ Bucket: emulators.bucket, Key: "fault-proxy/forwarded" }));
    expect(await read.Body?.transformToString()).toBe("bytes");
    expect(seen.map(({ service, method }) => `${service} ${method}`)).toEqual(["s3 PUT", "s3 GET"]);
  });

  test.each(SERVICE_FAULTS.s3.flatMap((fault) => (fault.kind === "error" ? [fault.error] : [])))("answers $code as S3 does ($status, XML), and the SDK retries it", async (error) => {
    fates = [{ kind: "error", error }];
    const failed = await put(s3(1), `fault-proxy/${error.code}`).catch((caught: unknown) => caught);
    expect(failed).toBeInstanceOf(S3ServiceException);
    expect(failed).toMatchObject({ name: error.code, message: error.message, $metadata: { httpStatusCode: error.status } });
    expect(await exists(`fault-proxy/${error.code}`)).toBe(false);

    fates = [{ kind: "error", error }, { kind: "error", error }];
    await put(s3(3), `fault-proxy/${error.code}`);
    expect(await exists(`fault-proxy/${error.code}`)).toBe(true);
  });

  test("resets the connection before S3 sees the request: nothing is written", async () => {
    fates = [{ kind: "reset", when: "before-upstream" }];
    await expect(put(s3(1), "fault-proxy/reset-before")).rejects.toThrow("ECONNRESET");
    expect(await exists("fault-proxy/reset-before")).toBe(false);

    fates = [
      { kind: "reset", when: "before-upstream" },
      { kind: "reset", when: "before-upstream" },
    ];
    await put(s3(3), "fault-proxy/reset-before");
    expect(await exists("fault-proxy/reset-before")).toBe(true);
  });

  test("resets the connection after S3 answered: the write happened, the answer is lost", async () => {
    fates = [{ kind: "reset", when: "after-upstream" }];
    await expect(put(s3(1), "fault-proxy/reset-after")).rejects.toThrow("ECONNRESET");
    expect(await exists("fault-proxy/reset-after")).toBe(true);
  });

  test("holds a request for its delay", async () => {
    fates = [{ kind: "forward", delayMs: 200 }];
    const started = performance.now();
    await put(s3(1), "fault-proxy/delayed");
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });
});

describe("DynamoDB through the proxy", () => {
  test.each([
    ["ThrottlingException", ThrottlingException],
    ["ProvisionedThroughputExceededException", ProvisionedThroughputExceededException],
    ["InternalServerError", InternalServerError],
  ] as const)("answers %s as DynamoDB does (JSON), which the SDK parses to its class and retries", async (code, errorClass) => {
    const fault = SERVICE_FAULTS.dynamodb.find((candidate) => candidate.kind === "error" && candidate.error.code === code);
    if (fault?.kind !== "error") throw new Error(`no ${code} in SERVICE_FAULTS.dynamodb`);
    fates = [fault];
    const failed = await dynamodb(1)
      .send(new PutItemCommand(item(code)))
      .catch((caught: unknown) => caught);
    expect(failed).toBeInstanceOf(errorClass);
    expect(failed).toMatchObject({ message: fault.error.message, $metadata: { httpStatusCode: fault.error.status } });
    expect(await stored(code)).toBe(false);

    fates = [fault, fault];
    await dynamodb(3).send(new PutItemCommand(item(code)));
    expect(await stored(code)).toBe(true);
  });

  test("resets either side of DynamoDB: before, nothing is written; after, the write happened", async () => {
    fates = [{ kind: "reset", when: "before-upstream" }];
    await expect(dynamodb(1).send(new PutItemCommand(item("reset-before")))).rejects.toThrow("ECONNRESET");
    expect(await stored("reset-before")).toBe(false);
    fates = [{ kind: "reset", when: "after-upstream" }];
    await expect(dynamodb(1).send(new PutItemCommand(item("reset-after")))).rejects.toThrow("ECONNRESET");
    expect(await stored("reset-after")).toBe(true);
  });

  test("tells the policy the request, with DynamoDB's operation in its headers", async () => {
    await dynamodb(1).send(new PutItemCommand(item("seen")));
    expect(seen).toEqual([expect.objectContaining({ service: "dynamodb", method: "POST", path: "/", headers: expect.objectContaining({ "x-amz-target": "DynamoDB_20120810.PutItem" }) })]);
  });
});
