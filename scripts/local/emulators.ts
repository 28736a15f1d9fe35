/**
 * In-process S3 (s3rver) and DynamoDB (dynalite) emulators on loopback, provisioned from the
 * same contract the stacks use. Shared by the integration tests, the local stack and the bench.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { TABLE, bucketCorsRules } from "../../functions/shared/contract";
import { LocalStackError } from "./errors";

// Neither emulator ships types; these are the parts we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver") as new (options: Record<string, unknown>) => S3rverInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as (options: Record<string, unknown>) => Server;

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  /** The HTTP server, once run() has resolved. */
  readonly httpServer: Server;
  close(): Promise<void>;
  on(event: "event", listener: (event: S3rverEvent) => void): void;
  off(event: "event", listener: (event: S3rverEvent) => void): void;
}

/** The event s3rver emits after a write. Unlike S3's, its keys are not URL-encoded. */
interface S3rverEvent {
  Records: Array<{ eventName: string; s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } } }>;
}

/** An object the S3 emulator stored, with its key as written (not URL-encoded). */
export interface CreatedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** The object's ETag without quotes ("" for a copy, where s3rver reports none). */
  readonly eTag: string;
}

export interface EmulatorOptions {
  /** Where s3rver keeps objects. */
  readonly s3Directory: string;
  /** Where dynalite keeps its LevelDB files. @default in memory */
  readonly dynamoDirectory?: string;
  /** @default "photos" */
  readonly bucket?: string;
  /** @default "photos" */
  readonly table?: string;
  /** Origins the bucket's CORS rules allow. @default ["*"] */
  readonly allowedOrigins?: readonly string[];
  /** @default 0 (a free port) */
  readonly s3Port?: number;
  /** @default 0 (a free port) */
  readonly dynamoPort?: number;
}


export interface Emulators {
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  readonly bucket: string;
  readonly table: string;
  /** Calls `listener` for every object s3rver stores (PUT, POST, copy). Returns an unsubscribe function. */
  onObjectCreated(listener: (object: CreatedObject) => void): () => void;
  stop(): Promise<void>;
}

/**
 * Region and key pair of every SDK client pointed at the emulators: s3rver accepts only its
 * built-in key pair (dynalite and cognito-local accept any), and fixed values keep a developer's
 * AWS profile (and the slow instance-metadata lookup) out of local runs.
 */
export const EMULATOR_CLIENT_CONFIG = {
  region: "us-east-1",
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
} as const;

export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  const bucket = options.bucket ?? "photos";
  const table = options.table ?? "photos";
  const s3 = new S3rver({
    address: "127.0.0.1",
    port: options.s3Port ?? 0,
    silent: true,
    directory: options.s3Directory,
    configureBuckets: [{ name: bucket, configs: [corsXml(options.allowedOrigins ?? ["*"])] }],
  });
  const s3Address = await s3.run();

  const dynamo = dynalite({ path: options.dynamoDirectory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  dynamo.listen(options.dynamoPort ?? 0, "127.0.0.1");
  const closeDynamo = () => new Promise<void>((resolve) => dynamo.close(() => resolve()));
  let dynamodbEndpoint: string;
  try {
    await once(dynamo, "listening");
    dynamodbEndpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
    await createTable(dynamodbEndpoint, table);
  } catch (error) {
    await Promise.all([s3.close(), closeDynamo()]);
    throw error;
  }

  return {
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    dynamodbEndpoint,
    bucket,
    table,
    onObjectCreated(listener) {
      const filtered = (event: S3rverEvent) => {
        for (const record of event.Records) {
          if (!record.eventName.startsWith("ObjectCreated:")) continue;
          const { key, size = 0, eTag = "" } = record.s3.object;
          listener({ bucket: record.s3.bucket.name, key, size, eTag });
        }
      };
      s3.on("event", filtered);
      return () => s3.off("event", filtered);
    },
    async stop() {
      await Promise.all([s3.close(), closeDynamo()]);
    },
  };
}


/**
 * Creates the table with the contract's key schema and index; an existing table (a restart) is
 * kept. dynalite has no TTL API, so expired upload intents stay until the handlers ignore them.
 */
export async function createTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint });
  const index = TABLE.userEventsIndex;
  const attributes = [TABLE.partitionKey, TABLE.sortKey, index.partitionKey, index.sortKey].map((name) => ({ AttributeName: name, AttributeType: "S" as const }));
  const userEventsIndex = {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: "HASH" as const },
      { AttributeName: index.sortKey, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "KEYS_ONLY" as const },
  };
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributes,
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
          { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [userEventsIndex],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // dynalite cannot add an index to an existing table (UpdateTable ignores it).
    if (!Table?.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === index.name)) {
      throw new LocalStackError(`the local table ${tableName} was made before the ${index.name} index existed; start once with --fresh to recreate the local data`);
    }
  } finally {
    client.destroy();
  }
}

function corsXml(allowedOrigins: readonly string[]): string {
  const rules = bucketCorsRules(allowedOrigins)
    .map((rule) =>
      [
        "<CORSRule>",
        ...rule.allowedOrigins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`),
        ...rule.allowedMethods.map((method) => `<AllowedMethod>${method}</AllowedMethod>`),
        ...rule.allowedHeaders.map((header) => `<AllowedHeader>${header}</AllowedHeader>`),
        ...rule.exposeHeaders.map((header) => `<ExposeHeader>${header}</ExposeHeader>`),
        `<MaxAgeSeconds>${rule.maxAgeSeconds}</MaxAgeSeconds>`,
        "</CORSRule>",
      ].join(""),
    )
    .join("");
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}
