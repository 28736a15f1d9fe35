/**
 * The real handler modules wired to in-process emulators, for integration tests: starts s3rver and
 * dynalite, sets the environment the stacks would set, then loads the handlers (which read it once).
 * Start it once per test file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { startEmulators, type Emulators } from "../../scripts/lib/emulators";
import { ENV, LIMITS } from "../../functions/shared/contract";
import { putAttendance } from "../../functions/shared/attendance";
import { createDocumentClient } from "../../functions/shared/dynamodb-client";
import { createS3Client } from "../../functions/shared/s3-client";

export interface FunctionStack {
  readonly emulators: Emulators;
  readonly photosBaseUrl: string;
  readonly initiateUpload: typeof import("../../functions/initiate-upload/handler").handler;
  readonly processUpload: typeof import("../../functions/process-upload/handler").handler;
  readonly listPhotos: typeof import("../../functions/list-photos/handler").handler;
  readonly getPhoto: typeof import("../../functions/get-photo/handler").handler;
  seedAttendee(eventId: string, userSub: string): Promise<void>;
  /** Every item in the table. */
  scanItems(): Promise<Record<string, unknown>[]>;
  /** Every object key in the bucket. */
  listObjectKeys(): Promise<string[]>;
  putObject(key: string, body: Buffer, contentType: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startFunctionStack(
  options: { readonly uploadLimitBytes?: number } = {},
): Promise<FunctionStack> {
  const s3Directory = await mkdtemp(join(tmpdir(), "photos-s3-"));
  const emulators = await startEmulators({ s3Directory });
  const photosBaseUrl = `${emulators.s3Endpoint}/${emulators.bucket}`;
  Object.assign(process.env, {
    [ENV.tableName]: emulators.table,
    [ENV.bucketName]: emulators.bucket,
    [ENV.photosBaseUrl]: photosBaseUrl,
    [ENV.uploadLimitBytes]: String(options.uploadLimitBytes ?? LIMITS.defaultUploadLimitBytes),
    [ENV.s3Endpoint]: emulators.s3Endpoint,
    [ENV.dynamodbEndpoint]: emulators.dynamodbEndpoint,
  });
  const [initiate, process_, list, get] = await Promise.all([
    import("../../functions/initiate-upload/handler"),
    import("../../functions/process-upload/handler"),
    import("../../functions/list-photos/handler"),
    import("../../functions/get-photo/handler"),
  ]);

  const documentClient = createDocumentClient(emulators.dynamodbEndpoint);
  const s3 = createS3Client(emulators.s3Endpoint);

  return {
    emulators,
    photosBaseUrl,
    initiateUpload: initiate.handler,
    processUpload: process_.handler,
    listPhotos: list.handler,
    getPhoto: get.handler,
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
