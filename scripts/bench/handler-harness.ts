/**
 * The handler figures' setup: the real handlers loaded in this process (as the local stack loads
 * them), the S3 and DynamoDB emulators in a child process (as S3 and DynamoDB are remote services
 * in AWS, whose work never runs on the function's thread), API Gateway events shaped by the local
 * stack's own code, and a round-trip counter on the emulator endpoints.
 */
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { S3Event } from "aws-lambda";
import { LIMITS, ROUTES, type FunctionName } from "../../functions/shared/contract";
import { EMULATOR_CLIENT_CONFIG, type CreatedObject } from "../lib/emulators";
import { toApiGatewayEvent } from "../local/api-gateway-event";
import { loadHandlers, type InvokeFunction } from "../local/handlers";
import { createRouteMatcher } from "../local/route-table";
import { toS3NotificationEvent } from "../local/s3-notifications";
import { startRemoteEmulators, type RemoteEmulators } from "./remote-emulators";
import { countRoundTrips, type RoundTripCounter } from "./round-trip-counter";
import { BenchUsageError, MeasurementError } from "./errors";

const REGION = "us-east-1";
/** The handlers' PHOTOS_BASE_URL: photo URLs are `${PHOTOS_BASE_URL}/${objectKey}`. */
export const PHOTOS_BASE_URL = "https://photos.bench.example";

export class BenchRequestError extends MeasurementError {
  override name = "BenchRequestError";

  constructor(what: string, statusCode: number | undefined, body: unknown, options?: { cause?: unknown }) {
    super(`${what} answered ${statusCode ?? "no status"} ${JSON.stringify(body)}; a benchmark of failing requests measures nothing, fix the handler first`, options);
  }
}

export interface ApiRequest {
  readonly method: "GET" | "POST";
  /** The path as a client sends it, e.g. `/events/e1/photos`. */
  readonly path: string;
  readonly query?: string;
  readonly body?: unknown;
  readonly callerSub: string;
}

export interface ApiAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

export interface HandlerHarness {
  readonly emulators: RemoteEmulators;
  /** A document client on the emulator, for seeding. */
  readonly documents: DynamoDBDocumentClient;
  readonly roundTrips: RoundTripCounter;
  /** Invokes the API handler the route table picks, with the event API Gateway would send. */
  callApi(request: ApiRequest): Promise<ApiAnswer>;
  /** Like callApi, but a status other than `expected` throws BenchRequestError. */
  callApiExpecting(expected: number, request: ApiRequest): Promise<ApiAnswer>;
  invokeProcessor(event: S3Event): Promise<void>;
  /** An S3 notification event with one record per object, as S3 batches them. */
  notificationEvent(objects: readonly CreatedObject[]): S3Event;
  stop(): Promise<void>;
}

export async function startHandlerHarness(s3Directory: string): Promise<HandlerHarness> {
  const emulators = await startRemoteEmulators(s3Directory);
  let invoke: InvokeFunction;
  try {
    invoke = await loadHandlers(
      {
        tableName: emulators.table,
        bucketName: emulators.bucket,
        photosBaseUrl: PHOTOS_BASE_URL,
        uploadLimitBytes: String(LIMITS.defaultUploadLimitBytes),
        s3Endpoint: emulators.s3Endpoint,
        dynamodbEndpoint: emulators.dynamodbEndpoint,
      },
      REGION,
    );
  } catch (error) {
    await emulators.stop();
    throw error;
  }
  const dynamodb = new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.dynamodbEndpoint });
  const documents = DynamoDBDocumentClient.from(dynamodb);
  const roundTrips = countRoundTrips([emulators.s3Endpoint, emulators.dynamodbEndpoint]);
  const matchRoute = createRouteMatcher(ROUTES);
  let sequencer = 0;

  const callApi = async (request: ApiRequest): Promise<ApiAnswer> => {
    const match = matchRoute(request.method, request.path);
    if (!match) throw new BenchUsageError(`no route matches ${request.method} ${request.path}; use a path of the contract's ROUTES`);
    const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(request.body), "utf8");
    const event = toApiGatewayEvent(
      {
        method: request.method,
        rawPath: request.path,
        rawQueryString: request.query ?? "",
        headers: { host: "127.0.0.1", "content-type": "application/json" },
        body,
        sourceIp: "127.0.0.1",
      },
      { match, claims: { sub: request.callerSub, token_use: "access" }, requestId: randomUUID(), now: new Date() },
    );
    const result = (await invoke(match.route.handler, event)) as { statusCode?: number; body?: string };
    return { statusCode: result.statusCode ?? 0, body: result.body === undefined ? undefined : JSON.parse(result.body) };
  };

  return {
    emulators,
    documents,
    roundTrips,
    callApi,
    async callApiExpecting(expected, request) {
      const answer = await callApi(request);
      if (answer.statusCode !== expected) throw new BenchRequestError(`${request.method} ${request.path}`, answer.statusCode, answer.body);
      return answer;
    },
    async invokeProcessor(event) {
      await invoke("process-upload" satisfies FunctionName, event);
    },
    notificationEvent(objects) {
      const now = new Date();
      return {
        Records: objects.flatMap((object) => {
          sequencer += 1;
          return toS3NotificationEvent(object, { region: REGION, sequencer: sequencer.toString(16).toUpperCase().padStart(16, "0"), now }).Records;
        }),
      };
    },
    async stop() {
      roundTrips.stop();
      dynamodb.destroy();
      await emulators.stop();
    },
  };
}
