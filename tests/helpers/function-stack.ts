/**
 * The real handler modules hosted in process against in-process emulators, for integration tests:
 * starts s3rver and dynalite, then the local stack's handler host (which gives every function the
 * environment the contract lists). Start it once per test file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { putAttendance } from "../../functions/shared/attendance";
import { LIMITS, routeHandler, type FunctionName, type RouteId } from "../../functions/shared/contract";
import { EMULATOR_CLIENT_CONFIG, startEmulators, type Emulators } from "../../scripts/local/emulators";
import { startHandlerHost } from "../../scripts/local/handler-host";

export interface FunctionStack {
  readonly emulators: Emulators;
  readonly photosBaseUrl: string;
  /** SDK clients on the emulators, for tests that drive the core functions with real stores. */
  readonly clients: { readonly s3: S3Client; readonly documents: DynamoDBDocumentClient };
  /** Invokes function `name` as Lambda would. */
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
  /** Invokes the function behind `route` with an API Gateway event (see apiEvent). */
  callRoute(route: RouteId, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2>;
  seedAttendee(eventId: string, userSub: string): Promise<void>;
  /** Every item in the table. */
  scanItems(): Promise<Record<string, unknown>[]>;
  /** Every object key in the bucket. */
  listObjectKeys(): Promise<string[]>;
  putObject(key: string, body: Buffer, contentType: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startFunctionStack(options: { readonly uploadLimitBytes?: number } = {}): Promise<FunctionStack> {
  const s3Directory = await mkdtemp(join(tmpdir(), "photos-s3-"));
  const emulators = await startEmulators({ s3Directory });
  const photosBaseUrl = `${emulators.s3Endpoint}/${emulators.bucket}`;
  const host = await startHandlerHost({
    table: emulators.table,
    bucket: emulators.bucket,
    photosBaseUrl,
    uploadLimitBytes: options.uploadLimitBytes ?? LIMITS.defaultUploadLimitBytes,
    endpoints: { s3: emulators.s3Endpoint, dynamodb: emulators.dynamodbEndpoint },
  });

  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.dynamodbEndpoint }));
  const s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.s3Endpoint, forcePathStyle: true });

  return {
    emulators,
    photosBaseUrl,
    clients: { s3, documents: documentClient },
    invoke: (name, event) => host.invoke(name, event),
    callRoute: async (route, event) => (await host.invoke(routeHandler(route), event)) as APIGatewayProxyStructuredResultV2,
    seedAttendee: (eventId, userSub) => putAttendance(documentClient, emulators.table, eventId, userSub),
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
      await emulators.stop();
      await rm(s3Directory, { recursive: true, force: true });
    },
  };
}
