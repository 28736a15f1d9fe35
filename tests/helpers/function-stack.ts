/**
 * The real handler modules hosted in process against in-process emulators, for integration tests:
 * starts s3rver and dynalite, then the local stack's handler host (which gives every function the
 * environment the contract lists). Every invocation is checked: the AWS calls it makes must be ones
 * its contract access grants, and an HTTP answer must be one openapi.json describes. What the
 * functions log is captured (and kept off the test output) for tests to read. Start it once per
 * test file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { LIMITS, routeHandler, type FunctionName, type RouteId, type Visibility } from "../../functions/shared/contract";
import { DynamoEventStore } from "../../functions/shared/dynamodb-event-store";
import { startInvalidationRecorder, type Invalidation } from "../../scripts/local/cdn-invalidations";
import { EMULATOR_CLIENT_CONFIG, startEmulators, type Emulators } from "../../scripts/local/emulators";
import { startHandlerHost } from "../../scripts/local/handler-host";
import { assertMatchesContract } from "./api-contract";
import { withGrantedCallsOnly } from "./iam-observer";
import { captureLogs, type LogCapture } from "./log-capture";

export interface FunctionStack {
  readonly emulators: Emulators;
  readonly photosBaseUrl: string;
  /** The functions' log lines and metrics, as CloudWatch Logs would receive them. */
  readonly logs: LogCapture;
  /** SDK clients on the emulators, for tests that drive the core functions with real stores. */
  readonly clients: { readonly s3: S3Client; readonly documents: DynamoDBDocumentClient };
  /** Invokes function `name` as Lambda would. */
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
  /** Invokes the function behind `route` with an API Gateway event (see apiEvent); checks the answer against openapi.json. */
  callRoute(route: RouteId, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2>;
  /** Creates event `eventId` organized by `organizerSub` (who becomes an attendee), through the functions' store. */
  seedEvent(eventId: string, organizerSub: string, options?: { readonly visibility?: Visibility; readonly name?: string }): Promise<void>;
  /** Registers `userSub` for `eventId`. */
  seedAttendee(eventId: string, userSub: string, email?: string): Promise<void>;
  /** The CDN invalidations the functions asked for. */
  invalidations(): readonly Invalidation[];
  /** Every item in the table. */
  scanItems(): Promise<Record<string, unknown>[]>;
  /** Every object key in the bucket. */
  listObjectKeys(): Promise<string[]>;
  putObject(key: string, body: Buffer, contentType: string): Promise<void>;
  stop(): Promise<void>;
}

export interface FunctionStackOptions {
  readonly uploadLimitBytes?: number;
  readonly uploadQuota?: number;
  /** cognito-local's endpoint and pool, for the functions that look users up. @default none */
  readonly cognito?: { readonly endpoint: string; readonly userPoolId: string };
}

export async function startFunctionStack(options: FunctionStackOptions = {}): Promise<FunctionStack> {
  const logs = captureLogs();
  const s3Directory = await mkdtemp(join(tmpdir(), "photos-s3-"));
  const emulators = await startEmulators({ s3Directory });
  const invalidations = await startInvalidationRecorder();
  const photosBaseUrl = `${emulators.s3Endpoint}/${emulators.bucket}`;
  const host = await startHandlerHost({
    table: emulators.table,
    bucket: emulators.bucket,
    photosBaseUrl,
    uploadLimitBytes: options.uploadLimitBytes ?? LIMITS.defaultUploadLimitBytes,
    uploadQuota: options.uploadQuota,
    userPoolId: options.cognito?.userPoolId,
    endpoints: { s3: emulators.s3Endpoint, dynamodb: emulators.dynamodbEndpoint, cognito: options.cognito?.endpoint, cloudfront: invalidations.url },
  });

  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.dynamodbEndpoint }));
  const events = new DynamoEventStore(documentClient, emulators.table);
  const s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.s3Endpoint, forcePathStyle: true });

  return {
    emulators,
    photosBaseUrl,
    logs,
    clients: { s3, documents: documentClient },
    invoke: (name, event) => withGrantedCallsOnly(name, () => host.invoke(name, event)),
    async callRoute(route, event) {
      const name = routeHandler(route);
      const response = (await withGrantedCallsOnly(name, () => host.invoke(name, event))) as APIGatewayProxyStructuredResultV2;
      assertMatchesContract(route, response.statusCode ?? 0, response.body);
      return response;
    },
    async seedEvent(eventId, organizerSub, seed = {}) {
      await events.putEvent(eventId, { name: seed.name ?? eventId, visibility: seed.visibility ?? "signed-in" }, organizerSub, new Date());
      await events.registerAttendee(eventId, { sub: organizerSub, email: undefined }, new Date());
    },
    seedAttendee: (eventId, userSub, email) => events.registerAttendee(eventId, { sub: userSub, email }, new Date()),
    invalidations: () => invalidations.invalidations(),
    async scanItems() {
      const { Items = [] } = await documentClient.send(new ScanCommand({ TableName: emulators.table }));
      return Items;
    },
    async listObjectKeys() {
      const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: emulators.bucket }));
      return Contents.map((object) => object.Key ?? "");
    },
    async putObject(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: emulators.bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async stop() {
      documentClient.destroy();
      s3.destroy();
      await Promise.all([emulators.stop(), invalidations.stop()]);
      await rm(s3Directory, { recursive: true, force: true });
      logs.stop();
    },
  };
}
