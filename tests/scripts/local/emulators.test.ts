import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetBucketCorsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { EMULATOR_CLIENT_CONFIG, startEmulators, type Emulators, type CreatedObject } from "../../../scripts/local/emulators";
import { TABLE } from "../../../functions/shared/contract";


describe("startEmulators", () => {
  let dir: string;
  let emulators: Emulators;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "emulators-"));
    emulators = await startEmulators({ s3Directory: dir, allowedOrigins: ["https://app.example.com"] });
  });
  afterAll(async () => {
    await emulators.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the table with the contract's key schema", async () => {
    const client = new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.dynamodbEndpoint });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: emulators.table }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
    ]);
    client.destroy();
  });

  it("configures the bucket's CORS from the contract and reports created objects", async () => {
    const s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.s3Endpoint, forcePathStyle: true });
    const cors = await s3.send(new GetBucketCorsCommand({ Bucket: emulators.bucket }));
    expect(cors.CORSRules?.[0]).toMatchObject({ AllowedMethods: ["PUT"], AllowedOrigins: ["https://app.example.com"] });

    const seen: CreatedObject[] = [];
    const unsubscribe = emulators.onObjectCreated((event) => seen.push(event));
    await s3.send(new PutObjectCommand({ Bucket: emulators.bucket, Key: "uploads/e/a b.png", Body: "x" }));
    unsubscribe();
    expect(seen).toHaveLength(1);
    expect(seen).toEqual([{ bucket: emulators.bucket, key: "uploads/e/a b.png", size: 1, eTag: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    s3.destroy();
  });
});
